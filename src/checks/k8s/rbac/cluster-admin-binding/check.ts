import { defineCheck, fail, pass } from "../../../check.js";
import { CIS_KUBERNETES, list, obj, RBAC_GOOD_PRACTICES } from "../../../lib/k8s.js";

/** Bindings Kubernetes itself creates for its own components. */
const SYSTEM_SUBJECTS = new Set(["system:masters"]);

export default defineCheck({
  id: "k8s.rbac.cluster-admin-binding",
  title: "Nobody is bound to cluster-admin",
  description:
    "cluster-admin is full control of every resource in every namespace. A binding to it for users, groups or service accounts (other than the built-in system:masters) should be replaced by narrower roles.",
  severity: "high",
  resourceTypes: ["k8s.role-binding"],
  remediation:
    "Bind the subjects to a role that grants only what they need; keep cluster-admin for break-glass access.",
  references: [RBAC_GOOD_PRACTICES, CIS_KUBERNETES, "CIS Kubernetes 5.1.1"],
  evaluate(resource) {
    const roleRef = obj(resource.properties.roleRef);
    if (roleRef.kind !== "ClusterRole" || roleRef.name !== "cluster-admin")
      return pass(`the binding grants ${String(roleRef.kind)} ${String(roleRef.name)}`, { path: "roleRef" });
    const subjects = list(resource.properties.subjects)
      .map((s) => obj(s))
      .filter((s) => !SYSTEM_SUBJECTS.has(String(s.name)));
    if (subjects.length === 0)
      return pass("cluster-admin is bound only to built-in system subjects", { path: "subjects" });
    return fail(
      `the binding grants cluster-admin to ${subjects.map((s) => `${String(s.kind)} ${String(s.name)}`).join(", ")}`,
      { path: "roleRef.name", actual: "cluster-admin", expected: "a narrower role" },
    );
  },
});

import { defineCheck } from "../../../check.js";
import { CIS_KUBERNETES, eachRule, RBAC_GOOD_PRACTICES } from "../../../lib/k8s.js";

const DANGEROUS = ["escalate", "bind", "impersonate", "*"];
/** What those verbs act on: roles and bindings (escalate, bind) and identities (impersonate). */
const TARGETS = new Set([
  "*",
  "roles",
  "clusterroles",
  "rolebindings",
  "clusterrolebindings",
  "users",
  "groups",
  "serviceaccounts",
  "uids",
]);

export default defineCheck({
  id: "k8s.rbac.escalate-bind-impersonate",
  title: "Roles do not grant escalate, bind or impersonate",
  description:
    "The escalate and bind verbs let a subject create or bind roles with more rights than it has, and impersonate lets it act as any user, group or service account: each is a way to cluster-admin.",
  severity: "high",
  resourceTypes: ["k8s.role"],
  remediation:
    "Remove escalate, bind and impersonate (and * verbs) from the role; grant them only to cluster administrators.",
  references: [RBAC_GOOD_PRACTICES, CIS_KUBERNETES, "CIS Kubernetes 5.1.8"],
  evaluate(resource) {
    return eachRule(
      resource,
      (rule) => {
        const verbs = rule.verbs.filter((v) => DANGEROUS.includes(v));
        const targets = rule.resources.filter((r) => TARGETS.has(r) || r.startsWith("userextras/"));
        return verbs.length > 0 && targets.length > 0
          ? `rule grants ${verbs.join(", ")} on ${targets.join(", ")}`
          : undefined;
      },
      "no rule of the role grants escalate, bind or impersonate",
    );
  },
});

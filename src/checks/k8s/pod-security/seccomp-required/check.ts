import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, obj, POD_SPEC_REFERENCE } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.pod-security.seccomp-required",
  title: "Containers run with a seccomp profile",
  description:
    "Without an explicit seccomp profile most runtimes run containers unconfined. Pod Security Standards (restricted) require RuntimeDefault or Localhost on the pod or on every container.",
  severity: "medium",
  resourceTypes: ["k8s.workload"],
  remediation: "Set securityContext.seccompProfile.type: RuntimeDefault on the pod.",
  references: [POD_SPEC_REFERENCE, "CIS Kubernetes 5.7.2"],
  fixes: { kubernetes: "securityContext:\n  seccompProfile:\n    type: RuntimeDefault" },
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const type = obj(c.security.seccompProfile).type;
      if (type === "RuntimeDefault" || type === "Localhost")
        return pass(`container ${c.name} runs with seccomp profile ${type}`, {
          path: `${c.securityPath}.seccompProfile.type`,
          actual: type,
        });
      return fail(`container ${c.name} has no seccomp profile`, {
        path: `${c.securityPath}.seccompProfile.type`,
        actual: type ?? null,
        expected: "RuntimeDefault or Localhost",
      });
    });
  },
});

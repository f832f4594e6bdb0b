import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, obj, POD_SPEC_REFERENCE } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.pod-security.seccomp-unconfined",
  title: "Seccomp is not set to Unconfined",
  description:
    "Seccomp filters the system calls a container may make; the Unconfined profile turns the filter off and exposes the whole kernel interface. Pod Security Standards (baseline) forbid it.",
  severity: "medium",
  resourceTypes: ["k8s.workload"],
  remediation: "Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile).",
  references: [POD_SPEC_REFERENCE, "CIS Kubernetes 5.7.2"],
  fixes: { kubernetes: "securityContext:\n  seccompProfile:\n    type: RuntimeDefault" },
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const type = obj(c.security.seccompProfile).type;
      if (type === "Unconfined")
        return fail(`container ${c.name} runs without seccomp (Unconfined)`, {
          path: `${c.securityPath}.seccompProfile.type`,
          actual: type,
          expected: "RuntimeDefault or Localhost",
        });
      return pass(`container ${c.name} is not seccomp-unconfined`, {
        path: `${c.securityPath}.seccompProfile`,
      });
    });
  },
});

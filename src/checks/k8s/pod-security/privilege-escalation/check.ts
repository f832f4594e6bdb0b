import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, POD_SPEC_REFERENCE } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.pod-security.privilege-escalation",
  title: "Containers forbid privilege escalation",
  description:
    "Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent (setuid binaries, file capabilities). Pod Security Standards (restricted) require it to be false.",
  severity: "medium",
  resourceTypes: ["k8s.workload"],
  remediation: "Set securityContext.allowPrivilegeEscalation: false on every container.",
  references: [POD_SPEC_REFERENCE, "CIS Kubernetes 5.2.6"],
  fixes: { kubernetes: "securityContext:\n  allowPrivilegeEscalation: false" },
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const value = c.security.allowPrivilegeEscalation;
      if (value === false)
        return pass(`container ${c.name} forbids privilege escalation`, {
          path: `${c.securityPath}.allowPrivilegeEscalation`,
          actual: false,
        });
      return fail(`container ${c.name} allows privilege escalation`, {
        path: `${c.securityPath}.allowPrivilegeEscalation`,
        actual: value ?? null,
        expected: false,
      });
    });
  },
});

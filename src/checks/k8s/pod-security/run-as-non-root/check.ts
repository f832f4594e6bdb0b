import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, POD_SPEC_REFERENCE } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.pod-security.run-as-non-root",
  title: "Containers must run as a non-root user",
  description:
    "runAsNonRoot: true makes the kubelet refuse to start a container whose user is root, whatever the image says. Pod Security Standards (restricted) require it on the pod or on every container.",
  severity: "medium",
  resourceTypes: ["k8s.workload"],
  remediation:
    "Set securityContext.runAsNonRoot: true on the pod (and a non-zero runAsUser if the image has no USER).",
  references: [POD_SPEC_REFERENCE, "CIS Kubernetes 5.2.7"],
  fixes: { kubernetes: "securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001" },
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const value = c.security.runAsNonRoot;
      if (value === true)
        return pass(`container ${c.name} must run as non-root`, {
          path: `${c.securityPath}.runAsNonRoot`,
          actual: true,
        });
      return fail(`container ${c.name} may run as root (runAsNonRoot is not true)`, {
        path: `${c.securityPath}.runAsNonRoot`,
        actual: value ?? null,
        expected: true,
      });
    });
  },
});

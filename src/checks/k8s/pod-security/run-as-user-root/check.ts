import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, POD_SPEC_REFERENCE } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.pod-security.run-as-user-root",
  title: "Containers do not set runAsUser 0",
  description:
    "runAsUser: 0 runs the container's processes as root. Pod Security Standards (restricted) forbid UID 0 on the pod and on every container.",
  severity: "high",
  resourceTypes: ["k8s.workload"],
  remediation:
    "Set runAsUser to a non-zero UID (e.g. 10001) or remove it and rely on the image's non-root USER.",
  references: [POD_SPEC_REFERENCE],
  fixes: { kubernetes: "securityContext:\n  runAsUser: 10001" },
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const uid = c.security.runAsUser;
      if (uid === 0 || uid === "0")
        return fail(`container ${c.name} runs as UID 0`, {
          path: `${c.securityPath}.runAsUser`,
          actual: uid,
          expected: "a non-zero UID",
        });
      return pass(`container ${c.name} does not set UID 0`, { path: `${c.securityPath}.runAsUser` });
    });
  },
});

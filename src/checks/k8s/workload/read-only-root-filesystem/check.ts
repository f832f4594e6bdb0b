import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.workload.read-only-root-filesystem",
  title: "Containers run with a read-only root filesystem",
  description:
    "A read-only root filesystem stops an intruder from dropping tools or changing binaries in the container; writable paths are then explicit volumes.",
  severity: "low",
  resourceTypes: ["k8s.workload"],
  remediation:
    "Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the app writes.",
  references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
  fixes: { kubernetes: "securityContext:\n  readOnlyRootFilesystem: true" },
  evaluate(resource) {
    return eachContainer(resource, (c) =>
      c.security.readOnlyRootFilesystem === true
        ? pass(`container ${c.name} has a read-only root filesystem`, {
            path: `${c.securityPath}.readOnlyRootFilesystem`,
            actual: true,
          })
        : fail(`container ${c.name} has a writable root filesystem`, {
            path: `${c.securityPath}.readOnlyRootFilesystem`,
            actual: c.security.readOnlyRootFilesystem ?? null,
            expected: true,
          }),
    );
  },
});

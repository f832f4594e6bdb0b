import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, obj, POD_SPEC_REFERENCE, podSpec } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.pod-security.host-process",
  title: "Windows pods do not run as HostProcess containers",
  description:
    "A Windows HostProcess container runs directly on the node with the node's privileges. Pod Security Standards (baseline) forbid windowsOptions.hostProcess.",
  severity: "high",
  resourceTypes: ["k8s.workload"],
  remediation:
    "Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and its containers.",
  references: [POD_SPEC_REFERENCE, "CIS Kubernetes 5.2.11"],
  fixes: { kubernetes: "securityContext:\n  windowsOptions:\n    hostProcess: false" },
  evaluate(resource) {
    const podLevel = obj(obj(podSpec(resource).securityContext).windowsOptions).hostProcess;
    if (podLevel === true)
      return fail("the pod runs as a Windows HostProcess pod", {
        path: "podSpec.securityContext.windowsOptions.hostProcess",
        actual: true,
        expected: false,
      });
    return eachContainer(resource, (c) => {
      const own = obj(obj(c.container.securityContext).windowsOptions).hostProcess;
      if (own === true)
        return fail(`container ${c.name} is a HostProcess container`, {
          path: `${c.path}.securityContext.windowsOptions.hostProcess`,
          actual: true,
          expected: false,
        });
      return pass(`container ${c.name} is not a HostProcess container`, { path: c.path });
    });
  },
});

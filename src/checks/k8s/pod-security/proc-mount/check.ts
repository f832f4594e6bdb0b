import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, POD_SPEC_REFERENCE } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.pod-security.proc-mount",
  title: "Containers keep the default /proc mask",
  description:
    "The default /proc mount hides sensitive paths of the node's /proc from the container; procMount Unmasked removes that mask. Pod Security Standards (baseline) require the Default procMount.",
  severity: "medium",
  resourceTypes: ["k8s.workload"],
  remediation: "Remove securityContext.procMount or set it to Default.",
  references: [POD_SPEC_REFERENCE],
  fixes: { kubernetes: "securityContext:\n  procMount: Default" },
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const procMount = c.security.procMount;
      if (procMount !== undefined && procMount !== "Default")
        return fail(`container ${c.name} mounts /proc ${String(procMount)}`, {
          path: `${c.securityPath}.procMount`,
          actual: procMount,
          expected: "Default",
        });
      return pass(`container ${c.name} keeps the default /proc mask`, {
        path: `${c.securityPath}.procMount`,
      });
    });
  },
});

import { defineCheck, fail, pass } from "../../../check.js";
import { capability, eachContainer, obj, POD_SPEC_REFERENCE, strings } from "../../../lib/k8s.js";

/** Capabilities the baseline profile allows to add (Docker's default set). */
const BASELINE = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

export default defineCheck({
  id: "k8s.pod-security.capabilities-baseline",
  title: "Containers add no capability beyond the baseline set",
  description:
    "Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE give a container powers close to root on the node. Pod Security Standards (baseline) allow adding only the default container capabilities.",
  severity: "high",
  resourceTypes: ["k8s.workload"],
  remediation:
    "Remove the extra entries from securityContext.capabilities.add; find a design that does not need them.",
  references: [POD_SPEC_REFERENCE, "CIS Kubernetes 5.2.9"],
  fixes: {
    kubernetes: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]',
  },
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const added = strings(obj(c.security.capabilities).add);
      const extra = added.filter((cap) => !BASELINE.has(capability(cap)));
      if (extra.length > 0)
        return fail(`container ${c.name} adds ${extra.join(", ")}`, {
          path: `${c.securityPath}.capabilities.add`,
          actual: added,
          expected: `only ${[...BASELINE].join(", ")}`,
        });
      return pass(`container ${c.name} adds no capability beyond the baseline`, {
        path: `${c.securityPath}.capabilities.add`,
      });
    });
  },
});

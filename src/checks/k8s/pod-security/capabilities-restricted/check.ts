import { defineCheck, fail, pass } from "../../../check.js";
import { capability, eachContainer, obj, POD_SPEC_REFERENCE, strings } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.pod-security.capabilities-restricted",
  title: "Containers drop ALL capabilities and add at most NET_BIND_SERVICE",
  description:
    "The restricted Pod Security Standard requires every container to drop ALL Linux capabilities and to add back nothing but NET_BIND_SERVICE.",
  severity: "medium",
  resourceTypes: ["k8s.workload"],
  remediation: 'Set securityContext.capabilities.drop: ["ALL"] and keep add empty or ["NET_BIND_SERVICE"].',
  references: [POD_SPEC_REFERENCE, "CIS Kubernetes 5.2.8, 5.2.10"],
  fixes: { kubernetes: 'securityContext:\n  capabilities:\n    drop: ["ALL"]' },
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const capabilities = obj(c.security.capabilities);
      const path = `${c.securityPath}.capabilities`;
      const drop = strings(capabilities.drop).map(capability);
      const added = strings(capabilities.add).filter((cap) => capability(cap) !== "NET_BIND_SERVICE");
      if (!drop.includes("ALL"))
        return fail(`container ${c.name} does not drop ALL capabilities`, {
          path: `${path}.drop`,
          actual: capabilities.drop ?? null,
          expected: ["ALL"],
        });
      if (added.length > 0)
        return fail(`container ${c.name} adds ${added.join(", ")}`, {
          path: `${path}.add`,
          actual: capabilities.add,
          expected: "nothing, or NET_BIND_SERVICE",
        });
      return pass(`container ${c.name} drops ALL capabilities`, { path });
    });
  },
});

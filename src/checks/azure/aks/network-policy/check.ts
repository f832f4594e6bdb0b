import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.aks.network-policy",
  title: "AKS cluster enforces network policies",
  description:
    "Without a network policy engine every pod can reach every other pod, so one compromised workload can move laterally.",
  severity: "medium",
  resourceTypes: ["azure.aks.cluster"],
  remediation: "Set networkProfile.networkPolicy to azure, calico or cilium when the cluster is created.",
  references: ["https://learn.microsoft.com/en-us/azure/aks/use-network-policies"],
  fixes: {
    arm: '"networkProfile": { "networkPlugin": "azure", "networkPolicy": "azure" }',
    terraform: 'network_profile { network_plugin = "azure" network_policy = "azure" }',
  },
  evaluate(resource) {
    return requireSetting(
      resource,
      "networkProfile.networkPolicy",
      (v) => typeof v === "string" && v !== "" && v.toLowerCase() !== "none",
      {
        ok: "a network policy engine is enabled",
        bad: (value) => `the network policy engine is ${describe(value)}`,
        expected: "azure | calico | cilium",
      },
    );
  },
});

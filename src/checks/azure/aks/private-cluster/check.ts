import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.aks.private-cluster",
  title: "AKS API server is private",
  description:
    "A public API server endpoint is reachable from the internet; a private cluster exposes it only inside the virtual network.",
  severity: "medium",
  resourceTypes: ["azure.aks.cluster"],
  remediation:
    "Set apiServerAccessProfile.enablePrivateCluster to true, or at least restrict authorizedIPRanges.",
  references: ["https://learn.microsoft.com/en-us/azure/aks/private-clusters"],
  fixes: {
    arm: '"apiServerAccessProfile": { "enablePrivateCluster": true }',
    terraform: "private_cluster_enabled = true",
  },
  evaluate(resource) {
    return requireSetting(resource, "apiServerAccessProfile.enablePrivateCluster", (v) => v === true, {
      ok: "the API server is private",
      bad: (value) => `private cluster is ${describe(value)}`,
      expected: true,
    });
  },
});

import { defineCheck } from "../../../check.js";
import { requireReported } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.public-network-disabled",
  title: "Storage account disables public network access",
  description: "With public network access disabled the account is reachable only through private endpoints.",
  severity: "medium",
  resourceTypes: ["azure.storage.account"],
  remediation: "Set publicNetworkAccess to Disabled and reach the account through private endpoints.",
  references: ["https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security"],
  fixes: {
    arm: '"publicNetworkAccess": "Disabled"',
    terraform: "public_network_access_enabled = false",
  },
  evaluate(resource) {
    return requireReported(resource, "publicNetworkAccess", (v) => v === "Disabled", {
      ok: "public network access is disabled",
      bad: (v) => `public network access is ${String(v)}`,
      expected: "Disabled",
    });
  },
});

import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.sql.public-network-disabled",
  title: "SQL server does not accept public network traffic",
  description:
    "With public network access on, the server's endpoint is reachable from the internet, guarded only by firewall rules and credentials.",
  severity: "high",
  resourceTypes: ["azure.sql.server"],
  remediation: "Set publicNetworkAccess to Disabled and connect through private endpoints.",
  references: ["https://learn.microsoft.com/en-us/azure/azure-sql/database/security-best-practice"],
  fixes: {
    arm: '"publicNetworkAccess": "Disabled"',
    terraform: "public_network_access_enabled = false",
  },
  evaluate(resource) {
    return requireSetting(resource, "publicNetworkAccess", (v) => v === "Disabled", {
      ok: "public network access is disabled",
      bad: (value) => `public network access is ${describe(value)}`,
      expected: "Disabled",
    });
  },
});

import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.storage.network-default-deny",
  title: "Storage account network rules deny by default",
  description:
    "With the default network action Allow, the account is reachable from every network; Deny limits it to listed networks and private endpoints.",
  severity: "medium",
  resourceTypes: ["azure.storage.account"],
  remediation: "Set networkAcls.defaultAction to Deny and allow the networks that need access.",
  references: ["https://learn.microsoft.com/en-us/azure/storage/common/security-recommendations"],
  fixes: {
    arm: '"networkAcls": { "defaultAction": "Deny", "bypass": "AzureServices" }',
    terraform: 'network_rules { default_action = "Deny" }',
  },
  evaluate(resource) {
    return requireSetting(resource, "networkAcls.defaultAction", (v) => v === "Deny", {
      ok: "the default network action is Deny",
      bad: (value) => `the default network action is ${describe(value)}`,
      expected: "Deny",
    });
  },
});

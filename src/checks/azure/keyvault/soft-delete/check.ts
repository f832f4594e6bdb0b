import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.keyvault.soft-delete",
  title: "Key Vault keeps deleted objects (soft delete)",
  description: "Soft delete keeps deleted vaults, keys and secrets recoverable for a retention period.",
  severity: "medium",
  resourceTypes: ["azure.keyvault.vault"],
  remediation: "Do not set enableSoftDelete to false; keep the default retention of 90 days.",
  references: ["https://learn.microsoft.com/en-us/azure/key-vault/general/security-features"],
  fixes: {
    arm: '"enableSoftDelete": true, "softDeleteRetentionInDays": 90',
    terraform: "soft_delete_retention_days = 90",
  },
  evaluate(resource) {
    return requireSetting(resource, "enableSoftDelete", (v) => v === true, {
      ok: "soft delete is on",
      bad: (value) => `soft delete is ${describe(value)}`,
      expected: true,
    });
  },
});

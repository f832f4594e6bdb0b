import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.keyvault.purge-protection",
  title: "Key Vault has purge protection enabled",
  description:
    "Without purge protection a deleted vault or key can be purged at once, so a compromised admin can destroy keys that data depends on.",
  severity: "medium",
  resourceTypes: ["azure.keyvault.vault"],
  remediation: "Set enablePurgeProtection to true (it cannot be turned off again).",
  references: ["https://learn.microsoft.com/en-us/azure/key-vault/general/security-features"],
  fixes: {
    arm: '"enablePurgeProtection": true',
    terraform: "purge_protection_enabled = true",
  },
  evaluate(resource) {
    return requireSetting(resource, "enablePurgeProtection", (v) => v === true, {
      ok: "purge protection is on",
      bad: (value) => `purge protection is ${describe(value)}`,
      expected: true,
    });
  },
});

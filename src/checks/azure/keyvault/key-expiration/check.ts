import { type CheckResult, defineCheck, fail, pass } from "../../../check.js";
import { reportedList } from "../../live/reported.js";

export default defineCheck({
  id: "azure.keyvault.key-expiration",
  title: "Every enabled Key Vault key has an expiration date",
  description:
    "A key without an expiration date can be used forever; an expiry forces rotation. CIS asks for it in vaults using RBAC and access policies alike.",
  severity: "medium",
  resourceTypes: ["azure.keyvault.vault"],
  remediation: "Set an expiration date on every enabled key (az keyvault key set-attributes --expires ...).",
  references: ["https://learn.microsoft.com/en-us/azure/key-vault/general/about-keys-secrets-certificates"],
  evaluate(resource) {
    const list = reportedList(resource, "keys");
    if (!Array.isArray(list)) return list;
    const results: CheckResult[] = [];
    list.forEach((item, i) => {
      const key = item as { name?: unknown; enabled?: unknown; expires?: unknown };
      if (key.enabled === false || (key.expires !== null && key.expires !== undefined)) return;
      results.push(
        fail(
          `key ${String(key.name)} has no expiration date`,
          { path: `keys[${i}].expires`, actual: null, expected: "an expiration date" },
          `key:${String(key.name)}`,
        ),
      );
    });
    return results.length > 0 ? results : pass("every enabled key has an expiration date", { path: "keys" });
  },
});

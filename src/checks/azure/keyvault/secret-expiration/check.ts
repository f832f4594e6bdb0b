import { type CheckResult, defineCheck, fail, pass } from "../../../check.js";
import { reportedList } from "../../live/reported.js";

export default defineCheck({
  id: "azure.keyvault.secret-expiration",
  title: "Every enabled Key Vault secret has an expiration date",
  description:
    "A secret without an expiration date can be used forever; an expiry forces rotation. CIS asks for it in vaults using RBAC and access policies alike.",
  severity: "medium",
  resourceTypes: ["azure.keyvault.vault"],
  remediation:
    "Set an expiration date on every enabled secret (az keyvault secret set-attributes --expires ...).",
  references: ["https://learn.microsoft.com/en-us/azure/key-vault/general/about-keys-secrets-certificates"],
  evaluate(resource) {
    const list = reportedList(resource, "secrets");
    if (!Array.isArray(list)) return list;
    const results: CheckResult[] = [];
    list.forEach((item, i) => {
      const secret = item as { name?: unknown; enabled?: unknown; expires?: unknown };
      if (secret.enabled === false || (secret.expires !== null && secret.expires !== undefined)) return;
      results.push(
        fail(
          `secret ${String(secret.name)} has no expiration date`,
          { path: `secrets[${i}].expires`, actual: null, expected: "an expiration date" },
          `secret:${String(secret.name)}`,
        ),
      );
    });
    return results.length > 0
      ? results
      : pass("every enabled secret has an expiration date", { path: "secrets" });
  },
});

import { type CheckResult, defineCheck, fail, pass } from "../../../check.js";
import { reportedList } from "../../live/reported.js";

interface Key {
  name?: unknown;
  enabled?: unknown;
  rotationPolicy?: { lifetimeActions?: { action?: { type?: unknown } }[] } | null;
}

export default defineCheck({
  id: "azure.keyvault.key-auto-rotation",
  title: "Every enabled Key Vault key rotates automatically",
  description: "A rotation policy with a Rotate action renews the key without a person remembering to.",
  severity: "low",
  resourceTypes: ["azure.keyvault.vault"],
  remediation:
    "Give each key a rotation policy with a Rotate lifetime action (az keyvault key rotation-policy update).",
  references: ["https://learn.microsoft.com/en-us/azure/key-vault/keys/how-to-configure-key-rotation"],
  evaluate(resource) {
    const list = reportedList(resource, "keys");
    if (!Array.isArray(list)) return list;
    const results: CheckResult[] = [];
    (list as Key[]).forEach((key, i) => {
      if (key.enabled === false) return;
      const rotates = (key.rotationPolicy?.lifetimeActions ?? []).some(
        (a) => String(a?.action?.type).toLowerCase() === "rotate",
      );
      if (!rotates)
        results.push(
          fail(
            `key ${String(key.name)} has no automatic rotation`,
            {
              path: `keys[${i}].rotationPolicy`,
              actual: key.rotationPolicy ?? null,
              expected: "a lifetime action of type Rotate",
            },
            `key:${String(key.name)}`,
          ),
        );
    });
    return results.length > 0 ? results : pass("every enabled key rotates automatically", { path: "keys" });
  },
});

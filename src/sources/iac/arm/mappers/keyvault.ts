import { isUnknown } from "../../../../model/index.js";
import type { ArmResource } from "../template.js";
import { type ArmMapper, armBool, armProp, orDefault } from "./context.js";

export const keyVaultMapper: ArmMapper = {
  canonicalType: "azure.keyvault.vault",
  armType: "Microsoft.KeyVault/vaults",
  map(vault, children, ctx) {
    for (const key of [
      "enablePurgeProtection",
      "enableSoftDelete",
      "enableRbacAuthorization",
      "publicNetworkAccess",
      "networkAcls",
      "softDeleteRetentionInDays",
    ])
      ctx.at(key, vault, "properties", key);
    const acls = armProp(vault, "networkAcls");
    return {
      // Absent purge protection means off; soft delete is on unless turned off.
      enablePurgeProtection: armBool(armProp(vault, "enablePurgeProtection"), false),
      enableSoftDelete: armBool(armProp(vault, "enableSoftDelete"), true),
      softDeleteRetentionInDays: orDefault(armProp(vault, "softDeleteRetentionInDays"), 90),
      enableRbacAuthorization: armBool(armProp(vault, "enableRbacAuthorization"), false),
      publicNetworkAccess: orDefault(armProp(vault, "publicNetworkAccess"), "Enabled"),
      networkAcls: isUnknown(acls)
        ? acls
        : { defaultAction: orDefault(armProp(vault, "networkAcls", "defaultAction"), "Allow") },
      ...diagnosticSettingsOf(children),
    };
  },
};

/** Diagnostic settings the template attaches to the vault; none written → absent ("not reported"). */
function diagnosticSettingsOf(children: ArmResource[]): { diagnosticSettings?: unknown[] } {
  const settings = children.filter((c) => /diagnosticsettings$/i.test(c.type));
  if (settings.length === 0) return {};
  return {
    diagnosticSettings: settings.map((s) => ({
      name: typeof s.name === "string" ? s.name.split("/").pop() : s.name,
      logs: armProp(s, "logs") ?? [],
      workspaceId: armProp(s, "workspaceId") ?? null,
      storageAccountId: armProp(s, "storageAccountId") ?? null,
      eventHubAuthorizationRuleId: armProp(s, "eventHubAuthorizationRuleId") ?? null,
    })),
  };
}

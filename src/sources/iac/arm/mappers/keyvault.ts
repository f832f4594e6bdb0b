import { isUnknown } from "../../../../model/index.js";
import type { ArmResource } from "../template.js";
import {
  type ArmMapContext,
  type ArmMapper,
  armBool,
  armProp,
  orDefault,
  privateEndpointConnectionsOf,
} from "./context.js";

export const keyVaultMapper: ArmMapper = {
  canonicalType: "azure.keyvault.vault",
  armType: "Microsoft.KeyVault/vaults",
  childTypes: ["Microsoft.KeyVault/vaults/keys", "Microsoft.KeyVault/vaults/secrets"],
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
    const connections = privateEndpointConnectionsOf(vault, children);
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
      ...objectsOf(children, "keys", ctx),
      ...objectsOf(children, "secrets", ctx),
      ...(connections === undefined ? {} : { privateEndpointConnections: connections }),
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

/**
 * Keys or secrets the template creates in the vault (`vaults/keys`,
 * `vaults/secrets`), in the data-plane shape: name, enabled, `exp` as
 * `expires`, and a key's rotation policy. None written → absent: objects
 * made by applications are not in the template.
 */
function objectsOf(
  children: ArmResource[],
  kind: "keys" | "secrets",
  ctx: ArmMapContext,
): { keys?: unknown[]; secrets?: unknown[] } {
  const list = children.filter((c) => c.type.toLowerCase() === `microsoft.keyvault/vaults/${kind}`);
  if (list.length === 0) return {};
  for (const o of list) ctx.at(kind, o);
  return {
    [kind]: list.map((o) => ({
      name: typeof o.name === "string" ? o.name.split("/").pop() : o.name,
      enabled: armBool(armProp(o, "attributes", "enabled"), true),
      expires: orDefault(armProp(o, "attributes", "exp"), null),
      ...(kind === "keys" ? { rotationPolicy: orDefault(armProp(o, "rotationPolicy"), null) } : {}),
    })),
  };
}

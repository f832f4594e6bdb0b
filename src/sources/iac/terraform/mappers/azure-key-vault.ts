/**
 * azure.keyvault.vault from azurerm_key_vault. Soft delete cannot be turned off in
 * azurerm v3+, so it is always on; retention defaults to 90 days.
 */
import { isUnknown } from "../../../../model/index.js";
import {
  enabledState,
  orDefault,
  PRIVATE_ENDPOINT_LINK,
  privateEndpointConnections,
} from "./azure-common.js";
import { diagnosticSetting } from "./azure-subscription.js";
import { bool, first, nameOf, type PropertyLines, stringTags, type TfMapper } from "./common.js";
import type { TfResourceInput } from "./input.js";

/** An RFC 3339 `expiration_date` → Key Vault's `exp` (Unix seconds); absent is null (never expires). */
function expires(value: unknown): unknown {
  if (isUnknown(value)) return value;
  if (typeof value !== "string") return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : Math.floor(ms / 1000);
}

/** A key's `rotation_policy` block → the Key Vault rotation policy (lifetime actions), or null. */
function rotationPolicy(value: unknown): unknown {
  if (isUnknown(value)) return value;
  const policy = first(value);
  if (!policy) return null;
  const actions: Record<string, unknown>[] = [];
  const automatic = policy.automatic;
  if (isUnknown(automatic)) return automatic;
  const auto = first(automatic);
  if (auto)
    actions.push({
      trigger:
        auto.time_after_creation === undefined || auto.time_after_creation === null
          ? { timeBeforeExpiry: auto.time_before_expiry }
          : { timeAfterCreate: auto.time_after_creation },
      action: { type: "Rotate" },
    });
  if (policy.notify_before_expiry !== undefined && policy.notify_before_expiry !== null)
    actions.push({ trigger: { timeBeforeExpiry: policy.notify_before_expiry }, action: { type: "Notify" } });
  return { lifetimeActions: actions, attributes: { expiryTime: policy.expire_after ?? null } };
}

/**
 * Keys or secrets the configuration declares in the vault (the data-plane
 * objects a live source lists). Read only when some are declared: objects
 * made by applications are not in the configuration.
 */
function objects(
  list: TfResourceInput[],
  path: string,
  props: PropertyLines,
  withRotation: boolean,
): unknown {
  if (list.length === 0) return undefined;
  for (const o of list) props.add(path, o);
  return list.map((o) => ({
    name: o.values.name,
    // azurerm has no switch for the object's enabled attribute: declared objects are enabled.
    enabled: true,
    expires: expires(o.values.expiration_date),
    ...(withRotation ? { rotationPolicy: rotationPolicy(o.values.rotation_policy) } : {}),
  }));
}

export const keyVaultTfMapper: TfMapper = {
  canonicalType: "azure.keyvault.vault",
  parentTypes: ["azurerm_key_vault"],
  companions: {
    azurerm_monitor_diagnostic_setting: "target_resource_id",
    azurerm_key_vault_key: "key_vault_id",
    azurerm_key_vault_secret: "key_vault_id",
    azurerm_private_endpoint: PRIVATE_ENDPOINT_LINK,
  },
  linkKeys: (vault) => [vault.values.id],
  build(vault, companions, props) {
    const v = vault.values;
    // v4.x renamed enable_rbac_authorization; either spelling may be in use.
    const rbacAttribute =
      v.rbac_authorization_enabled !== undefined ? "rbac_authorization_enabled" : "enable_rbac_authorization";
    props.add("enablePurgeProtection", vault, "purge_protection_enabled");
    props.add("softDeleteRetentionInDays", vault, "soft_delete_retention_days");
    props.add("enableRbacAuthorization", vault, rbacAttribute);
    props.add("publicNetworkAccess", vault, "public_network_access_enabled");
    props.add("networkAcls", vault, "network_acls[0]");
    props.add("networkAcls.defaultAction", vault, "network_acls[0].default_action");
    const acls = v.network_acls;
    // Diagnostic settings are read only when the configuration declares some for this vault.
    const diagnostics = companions.get("azurerm_monitor_diagnostic_setting") ?? [];
    for (const d of diagnostics) props.add("diagnosticSettings", d);
    const keys = objects(companions.get("azurerm_key_vault_key") ?? [], "keys", props, true);
    const secrets = objects(companions.get("azurerm_key_vault_secret") ?? [], "secrets", props, false);
    const endpoints = companions.get("azurerm_private_endpoint") ?? [];
    for (const e of endpoints) props.add("privateEndpointConnections", e);
    const connections = privateEndpointConnections(endpoints);
    return {
      type: "azure.keyvault.vault",
      name: nameOf(vault, "name"),
      tags: stringTags(v.tags),
      properties: {
        enablePurgeProtection: bool(v.purge_protection_enabled),
        enableSoftDelete: true,
        softDeleteRetentionInDays: orDefault(v.soft_delete_retention_days, 90),
        enableRbacAuthorization: bool(v[rbacAttribute]),
        publicNetworkAccess: enabledState(v.public_network_access_enabled, true),
        networkAcls: isUnknown(acls)
          ? acls
          : { defaultAction: orDefault(first(acls)?.default_action, "Allow") },
        ...(diagnostics.length > 0 ? { diagnosticSettings: diagnostics.map(diagnosticSetting) } : {}),
        ...(keys === undefined ? {} : { keys }),
        ...(secrets === undefined ? {} : { secrets }),
        ...(connections === undefined ? {} : { privateEndpointConnections: connections }),
      },
    };
  },
};

/**
 * azure.storage.account from azurerm_storage_account (+ azurerm_storage_account_network_rules),
 * in the shape the ARM mapper produces. Absent attributes take the azurerm provider's
 * defaults (v3/v4): HTTPS only, TLS1_2, nested public items allowed, shared keys on.
 */
import { isUnknown, unknown } from "../../../../model/index.js";
import {
  enabledState,
  orDefault,
  PRIVATE_ENDPOINT_LINK,
  privateEndpointConnections,
} from "./azure-common.js";
import { locksOf } from "./azure-locks.js";
import {
  bool,
  type Companions,
  first,
  nameOf,
  type PropertyLines,
  stringTags,
  type TfMapper,
} from "./common.js";
import type { TfResourceInput } from "./input.js";

function networkAcls(account: TfResourceInput, companions: Companions, props: PropertyLines): unknown {
  const separate = companions.get("azurerm_storage_account_network_rules")?.[0];
  let source = account;
  let rules: unknown = account.values.network_rules;
  let prefix = "network_rules[0].";
  if (separate) {
    source = separate;
    rules = separate.values;
    prefix = "";
  }
  if (isUnknown(rules)) return rules;
  const r = separate ? separate.values : first(rules);
  if (!r) return { defaultAction: "Allow", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] };
  props.add("networkAcls", source, separate ? undefined : "network_rules[0]");
  props.add("networkAcls.defaultAction", source, `${prefix}default_action`);
  const bypass = r.bypass;
  const ips = r.ip_rules;
  const subnets = r.virtual_network_subnet_ids;
  return {
    defaultAction: orDefault(r.default_action, "Allow"),
    // ARM holds the bypass set as one comma-separated string.
    bypass: Array.isArray(bypass)
      ? bypass.length === 0
        ? "None"
        : bypass.join(", ")
      : orDefault(bypass, "AzureServices"),
    ipRules: Array.isArray(ips) ? ips.map((value) => ({ value, action: "Allow" })) : orDefault(ips, []),
    virtualNetworkRules: Array.isArray(subnets)
      ? subnets.map((id) => ({ id, action: "Allow" }))
      : orDefault(subnets, []),
  };
}

function sku(account: TfResourceInput): unknown {
  const { account_tier: tier, account_replication_type: replication } = account.values;
  if (isUnknown(tier)) return tier;
  if (isUnknown(replication)) return replication;
  return typeof tier === "string" && typeof replication === "string" ? `${tier}_${replication}` : null;
}

function retention(value: unknown): unknown {
  if (isUnknown(value)) return value;
  const block = first(value);
  return block ? { enabled: true, days: orDefault(block.days, 7) } : { enabled: false };
}

/** Blob service settings, only when the configuration manages them (as ARM's `blobServices` child). */
function blobServiceProperties(account: TfResourceInput, props: PropertyLines): unknown {
  const raw = account.values.blob_properties;
  if (isUnknown(raw)) return raw;
  const blob = first(raw);
  if (!blob) return undefined;
  props.add("blobServiceProperties", account, "blob_properties[0]");
  return {
    deleteRetentionPolicy: retention(blob.delete_retention_policy),
    containerDeleteRetentionPolicy: retention(blob.container_delete_retention_policy),
    isVersioningEnabled: bool(blob.versioning_enabled),
  };
}

/** A list of SMB options → ARM's `;`-terminated string; absent means Azure's default (all allowed, null). */
function smbList(value: unknown): unknown {
  if (isUnknown(value)) return value;
  return Array.isArray(value) && value.length > 0 ? `${value.join(";")};` : null;
}

/**
 * File service settings, only when the configuration manages them
 * (`share_properties`, as ARM's `fileServices` child). azurerm then writes the
 * share retention policy (off without `retention_policy`) and the SMB lists.
 */
function fileServiceProperties(account: TfResourceInput, props: PropertyLines): unknown {
  const raw = account.values.share_properties;
  if (isUnknown(raw)) return raw;
  const share = first(raw);
  if (!share) return undefined;
  props.add("fileServiceProperties", account, "share_properties[0]");
  const smbRaw = share.smb;
  const smb = first(smbRaw);
  return {
    shareDeleteRetentionPolicy: retention(share.retention_policy),
    protocolSettings: {
      smb: isUnknown(smbRaw)
        ? smbRaw
        : { versions: smbList(smb?.versions), channelEncryption: smbList(smb?.channel_encryption_type) },
    },
  };
}

export const storageAccountTfMapper: TfMapper = {
  canonicalType: "azure.storage.account",
  parentTypes: ["azurerm_storage_account"],
  companions: {
    azurerm_storage_account_network_rules: "storage_account_id",
    azurerm_private_endpoint: PRIVATE_ENDPOINT_LINK,
  },
  linkKeys: (account) => [account.values.id],
  build(account, companions, props, config) {
    const v = account.values;
    // v4 renamed enable_https_traffic_only; either spelling may be in use.
    const httpsAttribute =
      v.https_traffic_only_enabled !== undefined ? "https_traffic_only_enabled" : "enable_https_traffic_only";
    props.add("supportsHttpsTrafficOnly", account, httpsAttribute);
    props.add("minimumTlsVersion", account, "min_tls_version");
    props.add("allowBlobPublicAccess", account, "allow_nested_items_to_be_public");
    props.add("allowSharedKeyAccess", account, "shared_access_key_enabled");
    props.add("publicNetworkAccess", account, "public_network_access_enabled");
    props.add("encryption.requireInfrastructureEncryption", account, "infrastructure_encryption_enabled");
    props.add("allowCrossTenantReplication", account, "cross_tenant_replication_enabled");
    props.add("defaultToOAuthAuthentication", account, "default_to_oauth_authentication");
    const blob = blobServiceProperties(account, props);
    const file = fileServiceProperties(account, props);
    const endpoints = companions.get("azurerm_private_endpoint") ?? [];
    for (const e of endpoints) props.add("privateEndpointConnections", e);
    const connections = privateEndpointConnections(endpoints);
    const cmk = v.customer_managed_key;
    return {
      type: "azure.storage.account",
      name: nameOf(account, "name"),
      tags: stringTags(v.tags),
      properties: {
        kind: orDefault(v.account_kind, "StorageV2"),
        sku: sku(account),
        supportsHttpsTrafficOnly: bool(v[httpsAttribute], true),
        minimumTlsVersion: orDefault(v.min_tls_version, "TLS1_2"),
        allowBlobPublicAccess: bool(v.allow_nested_items_to_be_public, true),
        allowSharedKeyAccess: bool(v.shared_access_key_enabled, true),
        publicNetworkAccess: enabledState(v.public_network_access_enabled, true),
        networkAcls: networkAcls(account, companions, props),
        ...(blob === undefined ? {} : { blobServiceProperties: blob }),
        ...(file === undefined ? {} : { fileServiceProperties: file }),
        ...(connections === undefined ? {} : { privateEndpointConnections: connections }),
        locks: locksOf(account, config, props),
        // azurerm 3 defaults cross-tenant replication on, azurerm 4 off: absent is not settled.
        allowCrossTenantReplication:
          v.cross_tenant_replication_enabled === undefined || v.cross_tenant_replication_enabled === null
            ? unknown(
                "cross_tenant_replication_enabled is not set and its default differs between azurerm 3 and 4",
              )
            : bool(v.cross_tenant_replication_enabled),
        defaultToOAuthAuthentication: bool(v.default_to_oauth_authentication),
        encryption: {
          keySource: isUnknown(cmk) ? cmk : first(cmk) ? "Microsoft.Keyvault" : "Microsoft.Storage",
          requireInfrastructureEncryption: bool(v.infrastructure_encryption_enabled),
        },
      },
    };
  },
};

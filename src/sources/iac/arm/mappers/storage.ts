import { getPath, isUnknown, unknown } from "../../../../model/index.js";
import type { ArmResource } from "../template.js";
import {
  type ArmMapper,
  apiAtLeast,
  armBool,
  armProp,
  orDefault,
  privateEndpointConnectionsOf,
} from "./context.js";

export const storageAccountMapper: ArmMapper = {
  canonicalType: "azure.storage.account",
  armType: "Microsoft.Storage/storageAccounts",
  childTypes: [
    "Microsoft.Storage/storageAccounts/blobServices",
    "Microsoft.Storage/storageAccounts/fileServices",
  ],
  map(account, children, ctx) {
    for (const key of [
      "supportsHttpsTrafficOnly",
      "minimumTlsVersion",
      "allowBlobPublicAccess",
      "allowSharedKeyAccess",
      "networkAcls",
      "publicNetworkAccess",
      "encryption",
      "allowCrossTenantReplication",
      "defaultToOAuthAuthentication",
      "keyPolicy",
    ])
      ctx.at(key, account, "properties", key);
    ctx.at("networkAcls.defaultAction", account, "properties", "networkAcls", "defaultAction");
    ctx.at(
      "encryption.requireInfrastructureEncryption",
      account,
      "properties",
      "encryption",
      "requireInfrastructureEncryption",
    );
    const acls = armProp(account, "networkAcls");
    // Blob service settings live on a child resource (`<account>/default`); without one the
    // template does not say, and the property is left out (checks treat it as not reported).
    const blob = children.find((c) => c.type.toLowerCase().endsWith("/blobservices"));
    const blobProperties = blob?.body.properties;
    if (blob) ctx.at("blobServiceProperties", blob, "properties");
    const blobServiceProperties =
      blob === undefined
        ? undefined
        : isUnknown(blobProperties)
          ? blobProperties
          : {
              deleteRetentionPolicy: getPath(blobProperties, "deleteRetentionPolicy") ?? { enabled: false },
              containerDeleteRetentionPolicy: getPath(blobProperties, "containerDeleteRetentionPolicy") ?? {
                enabled: false,
              },
              isVersioningEnabled: armBool(getPath(blobProperties, "isVersioningEnabled"), false),
            };
    const file = children.find((c) => c.type.toLowerCase().endsWith("/fileservices"));
    if (file) ctx.at("fileServiceProperties", file, "properties");
    const encryption = armProp(account, "encryption");
    const crossTenant = armProp(account, "allowCrossTenantReplication");
    const connections = privateEndpointConnectionsOf(account, children);
    const locks = children.filter((c) => /\/locks$/i.test(c.type));
    for (const lock of locks) ctx.at("locks", lock);
    return {
      kind: account.body.kind ?? null,
      sku: (account.body.sku as { name?: unknown } | undefined)?.name ?? null,
      // Defaults are those ARM applies when the template leaves a property out.
      supportsHttpsTrafficOnly: armBool(
        armProp(account, "supportsHttpsTrafficOnly"),
        apiAtLeast(account, "2019-04-01"),
      ),
      minimumTlsVersion: orDefault(armProp(account, "minimumTlsVersion"), "TLS1_0"),
      allowBlobPublicAccess: armBool(
        armProp(account, "allowBlobPublicAccess"),
        !apiAtLeast(account, "2023-01-01"),
      ),
      allowSharedKeyAccess: armBool(armProp(account, "allowSharedKeyAccess"), true),
      publicNetworkAccess: orDefault(armProp(account, "publicNetworkAccess"), "Enabled"),
      networkAcls: isUnknown(acls)
        ? acls
        : {
            defaultAction: orDefault(armProp(account, "networkAcls", "defaultAction"), "Allow"),
            bypass: orDefault(armProp(account, "networkAcls", "bypass"), "AzureServices"),
            ipRules: orDefault(armProp(account, "networkAcls", "ipRules"), []),
            virtualNetworkRules: orDefault(armProp(account, "networkAcls", "virtualNetworkRules"), []),
          },
      ...(blobServiceProperties === undefined ? {} : { blobServiceProperties }),
      ...(file === undefined ? {} : { fileServiceProperties: fileServiceProperties(file) }),
      // Azure's default changed for accounts created from late 2023 on, so absent is not settled.
      allowCrossTenantReplication:
        crossTenant === undefined || crossTenant === null
          ? unknown(
              "allowCrossTenantReplication is not set and its default depends on when the account was created",
            )
          : armBool(crossTenant, null),
      defaultToOAuthAuthentication: armBool(armProp(account, "defaultToOAuthAuthentication"), false),
      keyPolicy: orDefault(armProp(account, "keyPolicy"), null),
      ...(connections === undefined ? {} : { privateEndpointConnections: connections }),
      // A lock on the resource group or subscription may be made outside the template.
      locks:
        locks.length > 0
          ? locks.map((lock) => ({
              name: typeof lock.name === "string" ? lock.name.split("/").pop() : lock.name,
              level: armProp(lock, "level") ?? null,
              scope: typeof lock.body.scope === "string" ? lock.body.scope : null,
            }))
          : unknown(
              "no management lock in the template; one on the resource group or subscription may be made elsewhere",
            ),
      encryption: isUnknown(encryption)
        ? encryption
        : {
            keySource: orDefault(armProp(account, "encryption", "keySource"), "Microsoft.Storage"),
            requireInfrastructureEncryption: armBool(
              armProp(account, "encryption", "requireInfrastructureEncryption"),
              false,
            ),
          },
    };
  },
};

/**
 * The `fileServices/default` child → `fileServiceProperties`, as the Storage
 * API returns it: share soft delete off and every SMB version and channel
 * encryption allowed (null) where the template does not set them.
 */
function fileServiceProperties(file: ArmResource): unknown {
  const properties = file.body.properties;
  if (isUnknown(properties)) return properties;
  const smb = getPath(properties, "protocolSettings.smb");
  return {
    shareDeleteRetentionPolicy: getPath(properties, "shareDeleteRetentionPolicy") ?? { enabled: false },
    protocolSettings: {
      smb: isUnknown(smb)
        ? smb
        : {
            versions: orDefault(getPath(smb, "versions"), null),
            channelEncryption: orDefault(getPath(smb, "channelEncryption"), null),
          },
    },
  };
}

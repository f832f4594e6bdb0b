import { getPath, isUnknown } from "../../../../model/index.js";
import { type ArmMapper, apiAtLeast, armBool, armProp, orDefault } from "./context.js";

export const storageAccountMapper: ArmMapper = {
  canonicalType: "azure.storage.account",
  armType: "Microsoft.Storage/storageAccounts",
  childTypes: ["Microsoft.Storage/storageAccounts/blobServices"],
  map(account, children, ctx) {
    for (const key of [
      "supportsHttpsTrafficOnly",
      "minimumTlsVersion",
      "allowBlobPublicAccess",
      "allowSharedKeyAccess",
      "networkAcls",
      "publicNetworkAccess",
      "encryption",
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
    const encryption = armProp(account, "encryption");
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

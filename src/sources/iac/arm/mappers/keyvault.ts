import { isUnknown } from "../../../../model/index.js";
import { type ArmMapper, armBool, armProp, orDefault } from "./context.js";

export const keyVaultMapper: ArmMapper = {
  canonicalType: "azure.keyvault.vault",
  armType: "Microsoft.KeyVault/vaults",
  map(vault, _children, ctx) {
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
    };
  },
};

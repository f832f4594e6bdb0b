/**
 * azure.keyvault.vault from azurerm_key_vault. Soft delete cannot be turned off in
 * azurerm v3+, so it is always on; retention defaults to 90 days.
 */
import { isUnknown } from "../../../../model/index.js";
import { enabledState, orDefault } from "./azure-common.js";
import { diagnosticSetting } from "./azure-subscription.js";
import { bool, first, nameOf, stringTags, type TfMapper } from "./common.js";

export const keyVaultTfMapper: TfMapper = {
  canonicalType: "azure.keyvault.vault",
  parentTypes: ["azurerm_key_vault"],
  companions: { azurerm_monitor_diagnostic_setting: "target_resource_id" },
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
      },
    };
  },
};

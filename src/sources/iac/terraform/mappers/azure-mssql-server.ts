/**
 * azure.sql.server from azurerm_mssql_server (+ azurerm_mssql_firewall_rule and
 * azurerm_mssql_server_extended_auditing_policy joined by `server_id`).
 */
import { isUnknown } from "../../../../model/index.js";
import { enabledState, orDefault } from "./azure-common.js";
import { bool, first, nameOf, stringTags, type TfMapper } from "./common.js";

/** azurerm spells "no minimum" as `Disabled`; ARM as `None`. */
function tlsVersion(value: unknown): unknown {
  if (value === "Disabled") return "None";
  // azurerm v3+ defaults to 1.2 when the attribute is left out.
  return orDefault(value, "1.2");
}

export const mssqlServerTfMapper: TfMapper = {
  canonicalType: "azure.sql.server",
  parentTypes: ["azurerm_mssql_server"],
  companions: {
    azurerm_mssql_firewall_rule: "server_id",
    azurerm_mssql_server_extended_auditing_policy: "server_id",
  },
  linkKeys: (server) => [server.values.id],
  build(server, companions, props) {
    const v = server.values;
    props.add("version", server, "version");
    props.add("publicNetworkAccess", server, "public_network_access_enabled");
    props.add("minimalTlsVersion", server, "minimum_tls_version");
    props.add("administrators", server, "azuread_administrator[0]");
    const adminBlock = v.azuread_administrator;
    const admin = first(adminBlock);
    const administrators = isUnknown(adminBlock)
      ? adminBlock
      : admin
        ? {
            administratorType: "ActiveDirectory",
            login: admin.login_username ?? null,
            sid: admin.object_id ?? null,
            azureADOnlyAuthentication: bool(admin.azuread_authentication_only),
          }
        : null;
    const policy = companions.get("azurerm_mssql_server_extended_auditing_policy")?.[0];
    if (policy) props.add("auditing", policy);
    const firewallRules = (companions.get("azurerm_mssql_firewall_rule") ?? []).map((rule, i) => {
      props.add(`firewallRules[${i}]`, rule);
      return {
        name: rule.values.name ?? null,
        startIpAddress: rule.values.start_ip_address ?? null,
        endIpAddress: rule.values.end_ip_address ?? null,
      };
    });
    return {
      type: "azure.sql.server",
      name: nameOf(server, "name"),
      tags: stringTags(v.tags),
      properties: {
        version: v.version ?? null,
        publicNetworkAccess: enabledState(v.public_network_access_enabled, true),
        minimalTlsVersion: isUnknown(v.minimum_tls_version)
          ? v.minimum_tls_version
          : tlsVersion(v.minimum_tls_version),
        administrators,
        // The policy resource's `enabled` defaults to true; without one, auditing is off.
        auditing: { state: policy ? enabledState(policy.values.enabled, true) : "Disabled" },
        firewallRules,
      },
    };
  },
};

/**
 * azure.network.nsg from azurerm_network_security_group's inline `security_rule` blocks
 * plus azurerm_network_security_rule resources naming it in `network_security_group_name`,
 * as ARM's flat rules (singular and plural prefix/port fields merged).
 */
import { isUnknown } from "../../../../model/index.js";
import { mergedList, orDefault } from "./azure-common.js";
import { nameOf, stringTags, type TfMapper } from "./common.js";

function canonicalRule(r: Record<string, unknown>): Record<string, unknown> {
  return {
    name: r.name ?? null,
    direction: r.direction ?? null,
    access: r.access ?? null,
    protocol: orDefault(r.protocol, "*"),
    priority: r.priority ?? null,
    sourceAddressPrefixes: mergedList(r.source_address_prefix, r.source_address_prefixes),
    sourcePortRanges: mergedList(r.source_port_range, r.source_port_ranges),
    destinationAddressPrefixes: mergedList(r.destination_address_prefix, r.destination_address_prefixes),
    destinationPortRanges: mergedList(r.destination_port_range, r.destination_port_ranges),
  };
}

export const networkSecurityGroupTfMapper: TfMapper = {
  canonicalType: "azure.network.nsg",
  parentTypes: ["azurerm_network_security_group"],
  companions: { azurerm_network_security_rule: "network_security_group_name" },
  linkKeys: (nsg) => [nsg.values.name],
  build(nsg, companions, props) {
    const inline = nsg.values.security_rule;
    props.add("securityRules", nsg, "security_rule");
    let securityRules: unknown;
    if (isUnknown(inline)) securityRules = inline;
    else {
      const rules: unknown[] = [];
      (Array.isArray(inline) ? inline : []).forEach((rule, i) => {
        props.add(`securityRules[${rules.length}]`, nsg, `security_rule[${i}]`);
        rules.push(isUnknown(rule) ? rule : canonicalRule((rule ?? {}) as Record<string, unknown>));
      });
      for (const separate of companions.get("azurerm_network_security_rule") ?? []) {
        props.add(`securityRules[${rules.length}]`, separate);
        rules.push(canonicalRule(separate.values));
      }
      securityRules = rules;
    }
    return {
      type: "azure.network.nsg",
      name: nameOf(nsg, "name"),
      tags: stringTags(nsg.values.tags),
      properties: { securityRules, flowLogs: [] },
    };
  },
};

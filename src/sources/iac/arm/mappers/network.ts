import { isUnknown } from "../../../../model/index.js";
import type { ArmResource } from "../template.js";
import { type ArmMapContext, type ArmMapper, armProp, merged, orDefault } from "./context.js";

/** An ARM security rule (`{name, properties: {...}}`) → the canonical flat rule. */
export function canonicalNsgRule(name: unknown, p: Record<string, unknown>): Record<string, unknown> {
  return {
    name: name ?? null,
    direction: p.direction ?? null,
    access: p.access ?? null,
    protocol: p.protocol ?? "*",
    priority: p.priority ?? null,
    sourceAddressPrefixes: merged(p.sourceAddressPrefix, p.sourceAddressPrefixes),
    sourcePortRanges: merged(p.sourcePortRange, p.sourcePortRanges),
    destinationAddressPrefixes: merged(p.destinationAddressPrefix, p.destinationAddressPrefixes),
    destinationPortRanges: merged(p.destinationPortRange, p.destinationPortRanges),
  };
}

function childRule(rule: ArmResource, ctx: ArmMapContext, canonicalPath: string): unknown {
  ctx.at(canonicalPath, rule);
  const properties = rule.body.properties;
  if (isUnknown(properties)) return properties;
  const short = typeof rule.name === "string" ? rule.name.split("/").pop() : rule.name;
  return canonicalNsgRule(short, (properties ?? {}) as Record<string, unknown>);
}

export const nsgMapper: ArmMapper = {
  canonicalType: "azure.network.nsg",
  armType: "Microsoft.Network/networkSecurityGroups",
  childTypes: ["Microsoft.Network/networkSecurityGroups/securityRules"],
  map(nsg, children, ctx) {
    const inline = armProp(nsg, "securityRules");
    ctx.at("securityRules", nsg, "properties", "securityRules");
    if (isUnknown(inline)) return { securityRules: inline };
    const rules: unknown[] = [];
    (Array.isArray(inline) ? inline : []).forEach((rule, i) => {
      ctx.at(`securityRules[${rules.length}]`, nsg, "properties", "securityRules", i);
      const r = (rule ?? {}) as { name?: unknown; properties?: unknown };
      rules.push(
        isUnknown(r.properties)
          ? r.properties
          : canonicalNsgRule(r.name, (r.properties ?? {}) as Record<string, unknown>),
      );
    });
    for (const child of children) rules.push(childRule(child, ctx, `securityRules[${rules.length}]`));
    return { securityRules: rules, flowLogs: orDefault(armProp(nsg, "flowLogs"), []) };
  },
};

/**
 * aws.ec2.security-group from aws_security_group / aws_default_security_group
 * with their inline rules, joined with aws_security_group_rule and
 * aws_vpc_security_group_ingress_rule / _egress_rule.
 */
import { isUnknown, unknown } from "../../../../model/index.js";
import {
  type Companions,
  nameOf,
  type PropertyLines,
  port,
  stringList as rawList,
  stringTags,
  type TfMapper,
} from "./common.js";
import type { TfResourceInput } from "./input.js";

/**
 * A source list: a list whose content is unknown becomes a list holding the
 * unknown marker, the shape rule checks read as "a source not known".
 */
function stringList(value: unknown): unknown {
  const list = rawList(value);
  return isUnknown(list) ? [list] : list;
}

const PROTOCOLS: Record<string, string> = {
  "-1": "-1",
  all: "-1",
  "6": "tcp",
  "17": "udp",
  "1": "icmp",
  "58": "icmpv6",
};

export function protocol(value: unknown): unknown {
  if (isUnknown(value)) return value;
  if (value === undefined || value === null) return undefined;
  const text = String(value).toLowerCase();
  return PROTOCOLS[text] ?? text;
}

function rule(
  proto: unknown,
  from: unknown,
  to: unknown,
  fields: { ipv4: unknown; ipv6: unknown; prefixLists: unknown; groups: unknown; description: unknown },
): Record<string, unknown> {
  const out: Record<string, unknown> = { protocol: proto };
  if (proto !== "-1") {
    const f = port(from);
    const t = port(to);
    if (f !== undefined) out.fromPort = f;
    if (t !== undefined) out.toPort = t;
  }
  out.ipv4Ranges = fields.ipv4;
  out.ipv6Ranges = fields.ipv6;
  out.prefixListIds = fields.prefixLists;
  out.securityGroups = fields.groups;
  if (typeof fields.description === "string") out.description = fields.description;
  return out;
}

function groups(list: unknown, self: unknown): unknown {
  const base = stringList(list);
  if (isUnknown(self)) return [...(base as unknown[]), self];
  return self === true ? [...(base as unknown[]), "self"] : base;
}

function inlineRules(group: TfResourceInput, direction: "ingress" | "egress", props: PropertyLines): unknown {
  const blocks = group.values[direction];
  if (isUnknown(blocks)) {
    props.add(direction, group, direction);
    return blocks;
  }
  if (!Array.isArray(blocks)) return [];
  return blocks.map((b: Record<string, unknown>, i: number) => {
    const src = `${direction}[${i}]`;
    props.add(`${direction}[${i}]`, group, src);
    for (const [canonical, attribute] of [
      ["ipv4Ranges", "cidr_blocks"],
      ["ipv6Ranges", "ipv6_cidr_blocks"],
      ["prefixListIds", "prefix_list_ids"],
      ["securityGroups", "security_groups"],
      ["fromPort", "from_port"],
      ["toPort", "to_port"],
      ["protocol", "protocol"],
    ])
      props.add(`${direction}[${i}].${canonical}`, group, `${src}.${attribute}`);
    if (isUnknown(b)) return b;
    return rule(protocol(b.protocol), b.from_port, b.to_port, {
      ipv4: stringList(b.cidr_blocks),
      ipv6: stringList(b.ipv6_cidr_blocks),
      prefixLists: stringList(b.prefix_list_ids),
      groups: groups(b.security_groups, b.self),
      description: b.description,
    });
  });
}

/** A rule resource as the rule it adds, with its direction (unknown direction: not joined). */
function ruleResource(
  r: TfResourceInput,
): { direction: "ingress" | "egress"; rule: Record<string, unknown> } | undefined {
  const v = r.values;
  if (r.type === "aws_security_group_rule") {
    if (v.type !== "ingress" && v.type !== "egress") return undefined;
    const source = v.source_security_group_id;
    return {
      direction: v.type,
      rule: rule(protocol(v.protocol), v.from_port, v.to_port, {
        ipv4: stringList(v.cidr_blocks),
        ipv6: stringList(v.ipv6_cidr_blocks),
        prefixLists: stringList(v.prefix_list_ids),
        groups: groups(source === undefined || source === null ? [] : [source], v.self),
        description: v.description,
      }),
    };
  }
  const direction = r.type === "aws_vpc_security_group_ingress_rule" ? "ingress" : "egress";
  const one = (x: unknown) => (x === undefined || x === null ? [] : [x]);
  return {
    direction,
    rule: rule(protocol(v.ip_protocol), v.from_port, v.to_port, {
      ipv4: one(v.cidr_ipv4),
      ipv6: one(v.cidr_ipv6),
      prefixLists: one(v.prefix_list_id),
      groups: one(v.referenced_security_group_id),
      description: v.description,
    }),
  };
}

const RULE_FIELDS: Record<string, Record<string, string>> = {
  aws_security_group_rule: {
    ipv4Ranges: "cidr_blocks",
    ipv6Ranges: "ipv6_cidr_blocks",
    fromPort: "from_port",
    toPort: "to_port",
    protocol: "protocol",
  },
  aws_vpc_security_group_ingress_rule: {
    ipv4Ranges: "cidr_ipv4",
    ipv6Ranges: "cidr_ipv6",
    fromPort: "from_port",
    toPort: "to_port",
    protocol: "ip_protocol",
  },
};
RULE_FIELDS.aws_vpc_security_group_egress_rule = RULE_FIELDS.aws_vpc_security_group_ingress_rule as Record<
  string,
  string
>;

function appendRules(
  target: Record<"ingress" | "egress", unknown>,
  companions: Companions,
  props: PropertyLines,
): void {
  for (const type of Object.keys(RULE_FIELDS))
    for (const r of companions.get(type) ?? []) {
      const added = ruleResource(r);
      if (!added) continue;
      const list = target[added.direction];
      if (!Array.isArray(list)) continue; // unknown inline rules stay unknown
      const path = `${added.direction}[${list.length}]`;
      props.add(path, r);
      for (const [canonical, attribute] of Object.entries(RULE_FIELDS[type] ?? {}))
        props.add(`${path}.${canonical}`, r, attribute);
      list.push(added.rule);
    }
}

export const securityGroupMapper: TfMapper = {
  canonicalType: "aws.ec2.security-group",
  parentTypes: ["aws_security_group", "aws_default_security_group"],
  companions: {
    aws_security_group_rule: "security_group_id",
    aws_vpc_security_group_ingress_rule: "security_group_id",
    aws_vpc_security_group_egress_rule: "security_group_id",
  },
  linkKeys: (group) => [group.values.id],
  build(group, companions, props) {
    const isDefault = group.type === "aws_default_security_group";
    const rules = {
      ingress: inlineRules(group, "ingress", props),
      egress: inlineRules(group, "egress", props),
    };
    appendRules(rules, companions, props);
    props.add("groupName", group, "name");
    const name = group.values.name;
    return {
      type: "aws.ec2.security-group",
      name: isDefault ? "default" : nameOf(group, "name"),
      tags: stringTags(group.values.tags),
      properties: {
        groupId: group.values.id ?? unknown("the group id is known only after apply"),
        groupName: isDefault
          ? "default"
          : (name ??
            (group.values.name_prefix !== undefined ? unknown("name generated from name_prefix") : null)),
        description: group.values.description ?? "Managed by Terraform",
        vpcId: group.values.vpc_id ?? null,
        ingress: rules.ingress,
        egress: rules.egress,
      },
    };
  },
};

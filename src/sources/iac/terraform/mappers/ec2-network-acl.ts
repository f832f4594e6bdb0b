/** aws.ec2.network-acl from aws_network_acl / aws_default_network_acl with inline rules and aws_network_acl_rule. */
import { isUnknown, unknown } from "../../../../model/index.js";
import { bool, nameOf, port, stringTags, type TfMapper } from "./common.js";
import { protocol } from "./security-group.js";

function entry(
  egress: unknown,
  r: Record<string, unknown>,
  names: { number: string; action: string; cidr: string; ipv6: string },
): Record<string, unknown> {
  const proto = protocol(r.protocol);
  const out: Record<string, unknown> = {
    ruleNumber: r[names.number] ?? null,
    egress,
    ruleAction:
      typeof r[names.action] === "string" ? (r[names.action] as string).toLowerCase() : r[names.action],
    protocol: proto === "tcp" ? "6" : proto === "udp" ? "17" : proto === "icmp" ? "1" : proto,
  };
  if (r[names.cidr] !== undefined && r[names.cidr] !== null && r[names.cidr] !== "")
    out.cidrBlock = r[names.cidr];
  if (r[names.ipv6] !== undefined && r[names.ipv6] !== null && r[names.ipv6] !== "")
    out.ipv6CidrBlock = r[names.ipv6];
  const from = port(r.from_port);
  const to = port(r.to_port);
  if (out.protocol !== "-1" && (from !== undefined || to !== undefined)) out.portRange = { from, to };
  return out;
}

const INLINE = { number: "rule_no", action: "action", cidr: "cidr_block", ipv6: "ipv6_cidr_block" };

export const ec2NetworkAclMapper: TfMapper = {
  canonicalType: "aws.ec2.network-acl",
  parentTypes: ["aws_network_acl", "aws_default_network_acl"],
  companions: { aws_network_acl_rule: "network_acl_id" },
  linkKeys: (acl) => [acl.values.id],
  build(acl, companions, props) {
    let entries: unknown = [];
    for (const direction of ["ingress", "egress"] as const) {
      const blocks = acl.values[direction];
      if (isUnknown(blocks)) entries = blocks;
      if (!Array.isArray(entries) || !Array.isArray(blocks)) continue;
      blocks.forEach((b: Record<string, unknown>, i: number) => {
        props.add(`entries[${(entries as unknown[]).length}]`, acl, `${direction}[${i}]`);
        (entries as unknown[]).push(entry(direction === "egress", b, INLINE));
      });
    }
    if (Array.isArray(entries))
      for (const rule of companions.get("aws_network_acl_rule") ?? []) {
        props.add(`entries[${entries.length}]`, rule);
        entries.push(entry(bool(rule.values.egress), rule.values, { ...INLINE, action: "rule_action" }));
      }
    return {
      type: "aws.ec2.network-acl",
      name: stringTags(acl.values.tags).Name ?? nameOf(acl, "id"),
      tags: stringTags(acl.values.tags),
      properties: {
        networkAclId: acl.values.id ?? unknown("the network ACL id is known only after apply"),
        vpcId: acl.values.vpc_id ?? unknown("the VPC id is not set"),
        isDefault: acl.type === "aws_default_network_acl",
        entries,
      },
    };
  },
};

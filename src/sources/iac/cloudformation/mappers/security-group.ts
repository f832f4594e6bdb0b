import { isUnknown, type Unknown, unknown } from "../../../../model/index.js";
import {
  type CfnMapper,
  list,
  type MapContext,
  nameOf,
  num,
  prop,
  type SourceResource,
  str,
  tagsOf,
} from "./context.js";

type Direction = "ingress" | "egress";

/** A CloudFormation rule (inline or a separate resource's properties) → the canonical rule shape. */
export function canonicalRule(rule: Record<string, unknown>, direction: Direction): Record<string, unknown> {
  const protocol = str(rule.IpProtocol);
  const out: Record<string, unknown> = {
    protocol: isUnknown(protocol) ? protocol : String(protocol ?? "-1").toLowerCase(),
  };
  const allTraffic = protocol === "-1" || protocol === "all";
  if (!allTraffic) {
    const from = num(rule.FromPort);
    const to = num(rule.ToPort);
    if (from !== undefined) out.fromPort = from;
    if (to !== undefined) out.toPort = to;
  }
  const peer = direction === "ingress" ? "Source" : "Destination";
  out.ipv4Ranges = rule.CidrIp === undefined ? [] : [rule.CidrIp];
  out.ipv6Ranges = rule.CidrIpv6 === undefined ? [] : [rule.CidrIpv6];
  const prefixList = rule[`${peer}PrefixListId`];
  out.prefixListIds = prefixList === undefined ? [] : [prefixList];
  const group =
    direction === "ingress"
      ? (rule.SourceSecurityGroupId ?? rule.SourceSecurityGroupName)
      : rule.DestinationSecurityGroupId;
  out.securityGroups = group === undefined ? [] : [group];
  if (rule.Description !== undefined) out.description = rule.Description;
  return out;
}

/** AWS adds this egress rule to every new group that declares none. */
const DEFAULT_EGRESS = {
  protocol: "-1",
  ipv4Ranges: ["0.0.0.0/0"],
  ipv6Ranges: [],
  prefixListIds: [],
  securityGroups: [],
};

export const securityGroupMapper: CfnMapper = {
  canonicalType: "aws.ec2.security-group",
  cfnType: "AWS::EC2::SecurityGroup",
  companions: {
    "AWS::EC2::SecurityGroupIngress": (rule, ctx) =>
      ctx.refTarget(rule.raw.GroupId) ?? ctx.refTarget(rule.raw.GroupName),
    "AWS::EC2::SecurityGroupEgress": (rule, ctx) => ctx.refTarget(rule.raw.GroupId),
  },
  map(group, companions, ctx) {
    const groupName = prop(group, "GroupName");
    const properties: Record<string, unknown> = {
      groupId: unknown("the group id is assigned at deployment"),
      groupName: groupName ?? unknown("CloudFormation generates the group name"),
      description: prop(group, "GroupDescription") ?? null,
      vpcId: prop(group, "VpcId") ?? null,
    };
    ctx.at("groupName", group, "GroupName");
    ctx.at("description", group, "GroupDescription");
    ctx.at("vpcId", group, "VpcId");
    for (const direction of ["ingress", "egress"] as const) {
      const inlineKey = direction === "ingress" ? "SecurityGroupIngress" : "SecurityGroupEgress";
      const companionType =
        direction === "ingress" ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress";
      const rules: unknown[] = [];
      let unknownRules: Unknown | undefined;
      const inline = list(prop(group, inlineKey));
      if (isUnknown(inline)) unknownRules = inline;
      else
        inline.forEach((rule, i) => {
          ctx.at(`${direction}[${rules.length}]`, group, inlineKey, i);
          ctx.at(`${direction}[${rules.length}].ipv4Ranges`, group, inlineKey, i, "CidrIp");
          ctx.at(`${direction}[${rules.length}].ipv6Ranges`, group, inlineKey, i, "CidrIpv6");
          rules.push(isUnknown(rule) ? rule : canonicalRule(rule as Record<string, unknown>, direction));
        });
      for (const companion of companions.filter((c) => c.type === companionType)) {
        ctx.at(`${direction}[${rules.length}]`, companion);
        ctx.at(`${direction}[${rules.length}].ipv4Ranges`, companion, "CidrIp");
        ctx.at(`${direction}[${rules.length}].ipv6Ranges`, companion, "CidrIpv6");
        rules.push(
          isUnknown(companion.properties)
            ? companion.properties
            : canonicalRule(companion.properties, direction),
        );
      }
      if (
        direction === "egress" &&
        rules.length === 0 &&
        !unknownRules &&
        prop(group, inlineKey) === undefined
      )
        rules.push(DEFAULT_EGRESS);
      properties[direction] = unknownRules ?? rules;
      ctx.at(direction, group, inlineKey);
    }
    return { name: nameOf(group, "GroupName"), properties, tags: tagsOf(prop(group, "Tags")) };
  },
};

export type { MapContext, SourceResource };

import { isUnknown, unknown } from "../../../../model/index.js";
import { bool, type CfnMapper, list, num, prop, str, tagsOf } from "./context.js";

const PROTOCOL_NUMBERS: Record<string, string> = { tcp: "6", udp: "17", icmp: "1", icmpv6: "58", all: "-1" };

export const networkAclMapper: CfnMapper = {
  canonicalType: "aws.ec2.network-acl",
  cfnType: "AWS::EC2::NetworkAcl",
  companions: { "AWS::EC2::NetworkAclEntry": (entry, ctx) => ctx.refTarget(entry.raw.NetworkAclId) },
  map(acl, companions, ctx) {
    const entries = companions.map((entry, i) => {
      ctx.at(`entries[${i}]`, entry);
      if (isUnknown(entry.properties)) return entry.properties;
      const protocol = str(prop(entry, "Protocol"));
      const out: Record<string, unknown> = {
        ruleNumber: num(prop(entry, "RuleNumber")) ?? null,
        egress: bool(prop(entry, "Egress")) ?? false,
        ruleAction: str(prop(entry, "RuleAction")) ?? null,
        protocol: isUnknown(protocol)
          ? protocol
          : (PROTOCOL_NUMBERS[String(protocol).toLowerCase()] ?? protocol),
      };
      if (prop(entry, "CidrBlock") !== undefined) out.cidrBlock = prop(entry, "CidrBlock");
      if (prop(entry, "Ipv6CidrBlock") !== undefined) out.ipv6CidrBlock = prop(entry, "Ipv6CidrBlock");
      if (prop(entry, "PortRange") !== undefined)
        out.portRange = {
          from: num(prop(entry, "PortRange", "From")),
          to: num(prop(entry, "PortRange", "To")),
        };
      return out;
    });
    return {
      name: acl.logicalId,
      properties: {
        networkAclId: unknown("assigned at deployment"),
        vpcId: prop(acl, "VpcId") ?? null,
        isDefault: false,
        entries,
      },
      tags: tagsOf(prop(acl, "Tags")),
    };
  },
};

export const vpcMapper: CfnMapper = {
  canonicalType: "aws.ec2.vpc",
  cfnType: "AWS::EC2::VPC",
  companions: {
    "AWS::EC2::FlowLog": (flowLog, ctx) => ctx.refTarget(flowLog.raw.ResourceId),
    "AWS::EC2::VPCEndpoint": (endpoint, ctx) => ctx.refTarget(endpoint.raw.VpcId),
  },
  map(vpc, joined, ctx) {
    ctx.at("cidrBlock", vpc, "CidrBlock");
    const companions = joined.filter((c) => c.type === "AWS::EC2::FlowLog");
    const endpoints = joined.filter((c) => c.type === "AWS::EC2::VPCEndpoint");
    if (endpoints[0]) ctx.at("vpcEndpoints", endpoints[0]);
    return {
      name: vpc.logicalId,
      properties: {
        vpcId: unknown("assigned at deployment"),
        cidrBlock: prop(vpc, "CidrBlock") ?? null,
        isDefault: false,
        flowLogs: companions.map((flowLog, i) => {
          ctx.at(`flowLogs[${i}]`, flowLog);
          return {
            flowLogId: unknown("assigned at deployment"),
            trafficType: prop(flowLog, "TrafficType") ?? null,
            flowLogStatus: "ACTIVE",
            logDestinationType: prop(flowLog, "LogDestinationType") ?? "cloud-watch-logs",
          };
        }),
        // Endpoints are often declared in another stack: none here is unknown, not an empty list.
        vpcEndpoints:
          endpoints.length === 0
            ? unknown("VPC endpoints may be declared in another stack")
            : endpoints.map((e) => ({
                vpcEndpointId: unknown("assigned at deployment"),
                serviceName: prop(e, "ServiceName") ?? null,
                vpcEndpointType: prop(e, "VpcEndpointType") ?? "Gateway",
                state: "available",
              })),
      },
      tags: tagsOf(prop(vpc, "Tags")),
    };
  },
};

export const instanceMapper: CfnMapper = {
  canonicalType: "aws.ec2.instance",
  cfnType: "AWS::EC2::Instance",
  map(instance, _companions, ctx) {
    ctx.at("iamInstanceProfile", instance, "IamInstanceProfile");
    ctx.at("publicIpAddress", instance, "NetworkInterfaces");
    ctx.at("associatePublicIpAddress", instance, "NetworkInterfaces");
    ctx.at("metadataOptions", instance, "LaunchTemplate");
    const interfaces = list(prop(instance, "NetworkInterfaces"));
    const associate = isUnknown(interfaces)
      ? interfaces
      : interfaces.map((n) => bool((n as Record<string, unknown> | null)?.AssociatePublicIpAddress));
    const publicIp = isUnknown(associate)
      ? associate
      : associate.includes(true)
        ? unknown("a public IP is assigned at launch")
        : associate.length > 0 && associate.every((a) => a === false)
          ? null
          : unknown("whether a public IP is assigned depends on the subnet");
    const profile = prop(instance, "IamInstanceProfile");
    const groups = prop(instance, "SecurityGroupIds");
    return {
      name: instance.logicalId,
      properties: {
        instanceId: unknown("assigned at deployment"),
        state: "running",
        // AWS::EC2::Instance has no metadata options of its own: they come from a launch template or account defaults.
        metadataOptions: unknown(
          "instance metadata options come from a launch template or the account default",
        ),
        iamInstanceProfile: profile === undefined ? null : { arn: profile },
        vpcId: unknown("the VPC follows from the subnet"),
        subnetId: prop(instance, "SubnetId") ?? null,
        publicIpAddress: publicIp,
        associatePublicIpAddress: isUnknown(associate)
          ? associate
          : associate.includes(true)
            ? true
            : associate.length > 0 && associate.every((a) => a === false)
              ? false
              : unknown("whether a public IP is assigned depends on the subnet"),
        securityGroupIds: groups ?? prop(instance, "SecurityGroups") ?? [],
      },
      tags: tagsOf(prop(instance, "Tags")),
    };
  },
};

export const volumeMapper: CfnMapper = {
  canonicalType: "aws.ec2.volume",
  cfnType: "AWS::EC2::Volume",
  map(volume, _companions, ctx) {
    ctx.at("encrypted", volume, "Encrypted");
    ctx.at("kmsKeyId", volume, "KmsKeyId");
    return {
      name: volume.logicalId,
      properties: {
        volumeId: unknown("assigned at deployment"),
        encrypted: bool(prop(volume, "Encrypted")) ?? false,
        kmsKeyId: prop(volume, "KmsKeyId") ?? null,
        state: "available",
        size: num(prop(volume, "Size")) ?? null,
      },
      tags: tagsOf(prop(volume, "Tags")),
    };
  },
};

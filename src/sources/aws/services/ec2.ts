import {
  DescribeSnapshotAttributeCommand,
  EC2Client,
  type IpPermission,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeInternetGateways,
  paginateDescribeNetworkAcls,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSnapshots,
  paginateDescribeSubnets,
  paginateDescribeVolumes,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcPeeringConnections,
  paginateDescribeVpcs,
  type Snapshot,
  type VpcPeeringConnectionVpcInfo,
} from "@aws-sdk/client-ec2";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, tagMap } from "../context.js";
import { errorMarker, orMarker } from "../errors.js";
import { all } from "./iam.js";

/** One security-group rule in the canonical shape (docs/resource-types.md). */
function rule(p: IpPermission) {
  const out: Record<string, unknown> = {
    protocol: p.IpProtocol ?? "-1",
    ipv4Ranges: (p.IpRanges ?? []).map((r) => r.CidrIp).filter(Boolean),
    ipv6Ranges: (p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6).filter(Boolean),
    prefixListIds: (p.PrefixListIds ?? []).map((r) => r.PrefixListId).filter(Boolean),
    securityGroups: (p.UserIdGroupPairs ?? []).map((r) => r.GroupId).filter(Boolean),
  };
  if (p.FromPort !== undefined) out.fromPort = p.FromPort;
  if (p.ToPort !== undefined) out.toPort = p.ToPort;
  const description = p.IpRanges?.[0]?.Description ?? p.Ipv6Ranges?.[0]?.Description;
  if (description) out.description = description;
  return out;
}

/** Every IPv4 and IPv6 CIDR of a VPC (or of one side of a peering connection). */
function cidrBlocksOf(vpc: {
  CidrBlock?: string;
  CidrBlockSet?: { CidrBlock?: string }[];
  Ipv6CidrBlockSet?: { Ipv6CidrBlock?: string }[];
  CidrBlockAssociationSet?: { CidrBlock?: string }[];
  Ipv6CidrBlockAssociationSet?: { Ipv6CidrBlock?: string }[];
}): string[] {
  const all = [
    vpc.CidrBlock,
    ...(vpc.CidrBlockSet ?? []).map((c) => c.CidrBlock),
    ...(vpc.CidrBlockAssociationSet ?? []).map((c) => c.CidrBlock),
    ...(vpc.Ipv6CidrBlockSet ?? []).map((c) => c.Ipv6CidrBlock),
    ...(vpc.Ipv6CidrBlockAssociationSet ?? []).map((c) => c.Ipv6CidrBlock),
  ];
  return [...new Set(all.filter((c): c is string => Boolean(c)))];
}

/**
 * Yields the items of one paginated listing as pages arrive; when the listing
 * fails, the collection marker of its type instead.
 */
async function* listing<P, T>(
  ctx: AwsContext,
  region: string,
  what: { type: string; idPrefix: string; operation: string },
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined,
  toResource: (item: T) => ReturnType<AwsContext["resource"]>,
): AsyncGenerator<ResourceItem> {
  try {
    for await (const page of pages)
      for (const item of items(page) ?? []) yield { resource: toResource(item) };
  } catch (error) {
    yield* ctx.collectionFailed({ ...what, region, source: "ec2", error });
  }
}

export const service: AwsService = {
  name: "ec2",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const client = ctx.client(EC2Client, region);
    const cfg = { client, pageSize: 1000 };
    const arn = (kind: string, id: string) => ctx.arn("ec2", region, `${kind}/${id}`);
    const prefix = (kind: string) => ctx.arn("ec2", region, `${kind}/`);

    yield* listing(
      ctx,
      region,
      {
        type: "aws.ec2.security-group",
        idPrefix: prefix("security-group"),
        operation: "ec2:DescribeSecurityGroups",
      },
      paginateDescribeSecurityGroups(cfg, {}),
      (p) => p.SecurityGroups,
      (g) =>
        ctx.resource({
          type: "aws.ec2.security-group",
          id: arn("security-group", g.GroupId as string),
          name: g.GroupName ?? (g.GroupId as string),
          region,
          source: "ec2",
          tags: tagMap(g.Tags),
          properties: {
            groupId: g.GroupId,
            groupName: g.GroupName,
            description: g.Description,
            vpcId: g.VpcId,
            ingress: (g.IpPermissions ?? []).map(rule),
            egress: (g.IpPermissionsEgress ?? []).map(rule),
          },
        }),
    );

    yield* listing(
      ctx,
      region,
      { type: "aws.ec2.network-acl", idPrefix: prefix("network-acl"), operation: "ec2:DescribeNetworkAcls" },
      paginateDescribeNetworkAcls(cfg, {}),
      (p) => p.NetworkAcls,
      (acl) =>
        ctx.resource({
          type: "aws.ec2.network-acl",
          id: arn("network-acl", acl.NetworkAclId as string),
          name: acl.NetworkAclId as string,
          region,
          source: "ec2",
          tags: tagMap(acl.Tags),
          properties: {
            networkAclId: acl.NetworkAclId,
            vpcId: acl.VpcId,
            isDefault: acl.IsDefault === true,
            entries: (acl.Entries ?? []).map((e) => ({
              ruleNumber: e.RuleNumber,
              egress: e.Egress === true,
              ruleAction: e.RuleAction,
              protocol: e.Protocol ?? "-1",
              ...(e.CidrBlock ? { cidrBlock: e.CidrBlock } : {}),
              ...(e.Ipv6CidrBlock ? { ipv6CidrBlock: e.Ipv6CidrBlock } : {}),
              ...(e.PortRange ? { portRange: { from: e.PortRange.From, to: e.PortRange.To } } : {}),
            })),
          },
        }),
    );

    // VPCs with their flow logs: the flow logs are read once for the region and joined.
    let flowLogs: Map<string, Record<string, unknown>[]> | ReturnType<typeof errorMarker>;
    try {
      flowLogs = new Map();
      for await (const page of paginateDescribeFlowLogs(cfg, {}))
        for (const log of page.FlowLogs ?? []) {
          const list = flowLogs.get(log.ResourceId ?? "") ?? [];
          list.push({
            flowLogId: log.FlowLogId,
            trafficType: log.TrafficType,
            flowLogStatus: log.FlowLogStatus,
            logDestinationType: log.LogDestinationType ?? "cloud-watch-logs",
          });
          flowLogs.set(log.ResourceId ?? "", list);
        }
    } catch (error) {
      flowLogs = errorMarker("ec2:DescribeFlowLogs", error);
    }
    const logs = flowLogs;
    // VPC endpoints, joined onto their VPC like the flow logs (CIS 6.8).
    const endpoints = await orMarker("ec2:DescribeVpcEndpoints", async () => {
      const byVpc = new Map<string, Record<string, unknown>[]>();
      for (const e of await all(paginateDescribeVpcEndpoints(cfg, {}), (p) => p.VpcEndpoints)) {
        const list = byVpc.get(e.VpcId ?? "") ?? [];
        list.push({
          vpcEndpointId: e.VpcEndpointId,
          serviceName: e.ServiceName,
          vpcEndpointType: e.VpcEndpointType,
          state: e.State,
        });
        byVpc.set(e.VpcId ?? "", list);
      }
      return byVpc;
    });
    yield* listing(
      ctx,
      region,
      { type: "aws.ec2.vpc", idPrefix: prefix("vpc"), operation: "ec2:DescribeVpcs" },
      paginateDescribeVpcs(cfg, {}),
      (p) => p.Vpcs,
      (vpc) =>
        ctx.resource({
          type: "aws.ec2.vpc",
          id: arn("vpc", vpc.VpcId as string),
          name: vpc.VpcId as string,
          region,
          source: "ec2",
          tags: tagMap(vpc.Tags),
          properties: {
            vpcId: vpc.VpcId,
            cidrBlock: vpc.CidrBlock,
            cidrBlocks: cidrBlocksOf(vpc),
            isDefault: vpc.IsDefault === true,
            flowLogs: logs instanceof Map ? (logs.get(vpc.VpcId as string) ?? []) : logs,
            vpcEndpoints: endpoints instanceof Map ? (endpoints.get(vpc.VpcId as string) ?? []) : endpoints,
          },
        }),
    );

    // Route tables, each with the peering connections its routes use and the peer side's CIDRs (CIS 6.6).
    const peerings = await orMarker("ec2:DescribeVpcPeeringConnections", async () => {
      const byId = new Map<
        string,
        { requester: VpcPeeringConnectionVpcInfo; accepter: VpcPeeringConnectionVpcInfo }
      >();
      for (const p of await all(
        paginateDescribeVpcPeeringConnections(cfg, {}),
        (page) => page.VpcPeeringConnections,
      ))
        if (p.VpcPeeringConnectionId)
          byId.set(p.VpcPeeringConnectionId, {
            requester: p.RequesterVpcInfo ?? {},
            accepter: p.AccepterVpcInfo ?? {},
          });
      return byId;
    });
    const peeringOf = (pcx: string, vpcId: string | undefined) => {
      if (!(peerings instanceof Map)) return { vpcPeeringConnectionId: pcx, peer: peerings };
      const known = peerings.get(pcx);
      if (!known) return { vpcPeeringConnectionId: pcx, peer: null };
      const peer = known.requester.VpcId === vpcId ? known.accepter : known.requester;
      return {
        vpcPeeringConnectionId: pcx,
        peer: {
          vpcId: peer.VpcId ?? null,
          ownerId: peer.OwnerId ?? null,
          region: peer.Region ?? null,
          cidrBlocks: cidrBlocksOf(peer),
        },
      };
    };
    yield* listing(
      ctx,
      region,
      { type: "aws.ec2.route-table", idPrefix: prefix("route-table"), operation: "ec2:DescribeRouteTables" },
      paginateDescribeRouteTables(cfg, {}),
      (p) => p.RouteTables,
      (t) => {
        const routes = (t.Routes ?? []).map((r) => ({
          ...(r.DestinationCidrBlock ? { destinationCidrBlock: r.DestinationCidrBlock } : {}),
          ...(r.DestinationIpv6CidrBlock ? { destinationIpv6CidrBlock: r.DestinationIpv6CidrBlock } : {}),
          ...(r.DestinationPrefixListId ? { destinationPrefixListId: r.DestinationPrefixListId } : {}),
          ...(r.GatewayId ? { gatewayId: r.GatewayId } : {}),
          ...(r.NatGatewayId ? { natGatewayId: r.NatGatewayId } : {}),
          ...(r.TransitGatewayId ? { transitGatewayId: r.TransitGatewayId } : {}),
          ...(r.VpcPeeringConnectionId ? { vpcPeeringConnectionId: r.VpcPeeringConnectionId } : {}),
          state: r.State ?? "active",
        }));
        const used = [
          ...new Set(routes.flatMap((r) => (r.vpcPeeringConnectionId ? [r.vpcPeeringConnectionId] : []))),
        ];
        return ctx.resource({
          type: "aws.ec2.route-table",
          id: arn("route-table", t.RouteTableId as string),
          name: tagMap(t.Tags).Name ?? (t.RouteTableId as string),
          region,
          source: "ec2",
          tags: tagMap(t.Tags),
          properties: {
            routeTableId: t.RouteTableId,
            vpcId: t.VpcId,
            isMain: (t.Associations ?? []).some((a) => a.Main === true),
            subnetIds: (t.Associations ?? []).flatMap((a) => (a.SubnetId ? [a.SubnetId] : [])),
            routes,
            peeringConnections: used.map((pcx) => peeringOf(pcx, t.VpcId)),
          },
        });
      },
    );

    yield* listing(
      ctx,
      region,
      { type: "aws.ec2.subnet", idPrefix: prefix("subnet"), operation: "ec2:DescribeSubnets" },
      paginateDescribeSubnets(cfg, {}),
      (p) => p.Subnets,
      (s) =>
        ctx.resource({
          type: "aws.ec2.subnet",
          id: arn("subnet", s.SubnetId as string),
          name: tagMap(s.Tags).Name ?? (s.SubnetId as string),
          region,
          source: "ec2",
          tags: tagMap(s.Tags),
          properties: {
            subnetId: s.SubnetId,
            vpcId: s.VpcId ?? null,
            cidrBlock: s.CidrBlock ?? null,
            availabilityZone: s.AvailabilityZone ?? null,
            mapPublicIpOnLaunch: s.MapPublicIpOnLaunch === true,
            tags: tagMap(s.Tags),
          },
        }),
    );

    yield* listing(
      ctx,
      region,
      {
        type: "aws.ec2.internet-gateway",
        idPrefix: prefix("internet-gateway"),
        operation: "ec2:DescribeInternetGateways",
      },
      paginateDescribeInternetGateways(cfg, {}),
      (p) => p.InternetGateways,
      (g) =>
        ctx.resource({
          type: "aws.ec2.internet-gateway",
          id: arn("internet-gateway", g.InternetGatewayId as string),
          name: tagMap(g.Tags).Name ?? (g.InternetGatewayId as string),
          region,
          source: "ec2",
          tags: tagMap(g.Tags),
          properties: {
            internetGatewayId: g.InternetGatewayId,
            attachments: (g.Attachments ?? []).map((a) => ({
              vpcId: a.VpcId ?? null,
              state: a.State ?? null,
            })),
          },
        }),
    );

    yield* listing(
      ctx,
      region,
      { type: "aws.ec2.instance", idPrefix: prefix("instance"), operation: "ec2:DescribeInstances" },
      paginateDescribeInstances(cfg, {}),
      (p) => (p.Reservations ?? []).flatMap((r) => r.Instances ?? []),
      (i) =>
        ctx.resource({
          type: "aws.ec2.instance",
          id: arn("instance", i.InstanceId as string),
          name: tagMap(i.Tags).Name ?? (i.InstanceId as string),
          region,
          source: "ec2",
          tags: tagMap(i.Tags),
          properties: {
            instanceId: i.InstanceId,
            state: i.State?.Name ?? null,
            metadataOptions: i.MetadataOptions
              ? {
                  httpTokens: i.MetadataOptions.HttpTokens ?? "optional",
                  httpEndpoint: i.MetadataOptions.HttpEndpoint ?? "enabled",
                  httpPutResponseHopLimit: i.MetadataOptions.HttpPutResponseHopLimit ?? 1,
                }
              : null,
            iamInstanceProfile: i.IamInstanceProfile?.Arn ? { arn: i.IamInstanceProfile.Arn } : null,
            vpcId: i.VpcId ?? null,
            subnetId: i.SubnetId ?? null,
            publicIpAddress: i.PublicIpAddress ?? null,
            securityGroupIds: (i.SecurityGroups ?? []).map((g) => g.GroupId),
          },
        }),
    );

    yield* listing(
      ctx,
      region,
      { type: "aws.ec2.volume", idPrefix: prefix("volume"), operation: "ec2:DescribeVolumes" },
      paginateDescribeVolumes(cfg, {}),
      (p) => p.Volumes,
      (v) =>
        ctx.resource({
          type: "aws.ec2.volume",
          id: arn("volume", v.VolumeId as string),
          name: tagMap(v.Tags).Name ?? (v.VolumeId as string),
          region,
          source: "ec2",
          tags: tagMap(v.Tags),
          properties: {
            volumeId: v.VolumeId,
            encrypted: v.Encrypted === true,
            kmsKeyId: v.KmsKeyId ?? null,
            state: v.State ?? null,
            size: v.Size ?? null,
          },
        }),
    );

    yield* snapshots(ctx, region, client);
  },
};

/**
 * The account's own EBS snapshots, each with who may create volumes from it
 * (`createVolumePermission`): `public` when the group `all` is there.
 */
async function* snapshots(ctx: AwsContext, region: string, client: EC2Client): AsyncGenerator<ResourceItem> {
  const type = "aws.ec2.snapshot";
  let found: Snapshot[];
  try {
    found = await all(
      paginateDescribeSnapshots({ client, pageSize: 1000 }, { OwnerIds: ["self"] }),
      (p) => p.Snapshots,
    );
  } catch (error) {
    // EBS snapshot ARNs name no account: arn:aws:ec2:REGION::snapshot/snap-….
    yield* ctx.collectionFailed({
      type,
      idPrefix: ctx.arn("ec2", region, "snapshot/", ""),
      region,
      source: "ec2",
      operation: "ec2:DescribeSnapshots",
      error,
    });
    return;
  }
  // OwnerIds=self already limits the answer; moto ignores it and lists its public AMI snapshots too.
  const own = found.filter((snap) => snap.OwnerId === undefined || snap.OwnerId === ctx.accountId);
  const resources = await ctx.limiter("ec2", region).map(own, async (snap) => {
    const SnapshotId = snap.SnapshotId as string;
    const permissions = await orMarker("ec2:DescribeSnapshotAttribute", async () => {
      const out = await client.send(
        new DescribeSnapshotAttributeCommand({ SnapshotId, Attribute: "createVolumePermission" }),
      );
      return out.CreateVolumePermissions ?? [];
    });
    const access = Array.isArray(permissions)
      ? {
          public: permissions.some((p) => p.Group === "all"),
          sharedWith: permissions.flatMap((p) => (p.UserId ? [p.UserId] : [])),
        }
      : { public: permissions, sharedWith: permissions };
    return ctx.resource({
      type,
      id: ctx.arn("ec2", region, `snapshot/${SnapshotId}`, ""),
      name: tagMap(snap.Tags).Name ?? SnapshotId,
      region,
      source: "ec2",
      tags: tagMap(snap.Tags),
      properties: {
        snapshotId: SnapshotId,
        volumeId: snap.VolumeId ?? null,
        encrypted: snap.Encrypted === true,
        kmsKeyId: snap.KmsKeyId ?? null,
        state: snap.State ?? null,
        ...access,
      },
    });
  });
  for (const resource of resources) yield { resource };
}

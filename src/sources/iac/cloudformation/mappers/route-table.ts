/**
 * aws.ec2.route-table from AWS::EC2::RouteTable with its AWS::EC2::Route and
 * AWS::EC2::SubnetRouteTableAssociation companions. A peering connection's
 * peer side (the peer VPC's CIDRs) is resolved only when the connection and
 * the peer VPC are in the template; otherwise it is unknown. A connection of
 * the template has no id before deployment, so its logical id stands in for
 * `vpcPeeringConnectionId` on both sides of the join.
 */
import { isUnknown, unknown } from "../../../../model/index.js";
import { type CfnMapper, type MapContext, prop, type SourceResource, tagsOf } from "./context.js";

const ROUTE_FIELDS: [string, string][] = [
  ["DestinationCidrBlock", "destinationCidrBlock"],
  ["DestinationIpv6CidrBlock", "destinationIpv6CidrBlock"],
  ["DestinationPrefixListId", "destinationPrefixListId"],
  ["GatewayId", "gatewayId"],
  ["NatGatewayId", "natGatewayId"],
  ["TransitGatewayId", "transitGatewayId"],
];

/** The template resource a raw value refers to, when it is of `type`. */
function target(raw: unknown, type: string, ctx: MapContext): SourceResource | undefined {
  const found = ctx.resource(ctx.refTarget(raw));
  return found?.type === type ? found : undefined;
}

/** Whether two raw VPC values name the same VPC: the same template resource, or the same literal id. */
function sameVpc(a: unknown, b: unknown, ctx: MapContext): boolean {
  const ta = ctx.refTarget(a);
  const tb = ctx.refTarget(b);
  if (ta !== undefined || tb !== undefined) return ta === tb;
  return typeof a === "string" && a === b;
}

/** The CIDRs of a template VPC (with its AWS::EC2::VPCCidrBlock blocks); undefined when one is not literal. */
function cidrsOf(vpc: SourceResource, ipv6Needed: boolean, ctx: MapContext): string[] | undefined {
  const cidrs: unknown[] = [prop(vpc, "CidrBlock")];
  for (const block of ctx.ofType("AWS::EC2::VPCCidrBlock")) {
    if (ctx.refTarget(block.raw.VpcId) !== vpc.logicalId) continue;
    if (prop(block, "CidrBlock") !== undefined) cidrs.push(prop(block, "CidrBlock"));
    else if (ipv6Needed) cidrs.push(prop(block, "Ipv6CidrBlock"));
  }
  return cidrs.every((c) => typeof c === "string" && c !== "") ? (cidrs as string[]) : undefined;
}

function peerOf(
  table: SourceResource,
  connection: SourceResource | undefined,
  ipv6Needed: boolean,
  ctx: MapContext,
) {
  if (!connection) return unknown("the peering connection is not in this template");
  const requesterSide = sameVpc(table.raw.VpcId, connection.raw.VpcId, ctx);
  const accepterSide = !requesterSide && sameVpc(table.raw.VpcId, connection.raw.PeerVpcId, ctx);
  if (!requesterSide && !accepterSide) return unknown("which side of the peering connection the table is on");
  const vpc = target(requesterSide ? connection.raw.PeerVpcId : connection.raw.VpcId, "AWS::EC2::VPC", ctx);
  const cidrBlocks = vpc ? cidrsOf(vpc, ipv6Needed, ctx) : undefined;
  if (!vpc || !cidrBlocks) return unknown("the peer VPC's CIDRs are not in this template");
  return {
    vpcId: vpc.logicalId,
    ownerId: (requesterSide ? prop(connection, "PeerOwnerId") : undefined) ?? unknown("the stack's account"),
    region: (requesterSide ? prop(connection, "PeerRegion") : undefined) ?? unknown("the stack's region"),
    cidrBlocks,
  };
}

export const routeTableMapper: CfnMapper = {
  canonicalType: "aws.ec2.route-table",
  cfnType: "AWS::EC2::RouteTable",
  companions: {
    "AWS::EC2::Route": (route, ctx) => ctx.refTarget(route.raw.RouteTableId),
    "AWS::EC2::SubnetRouteTableAssociation": (association, ctx) =>
      ctx.refTarget(association.raw.RouteTableId),
  },
  map(table, companions, ctx) {
    const connections = new Map<string, SourceResource | undefined>();
    const routes = companions
      .filter((c) => c.type === "AWS::EC2::Route")
      .map((route, i) => {
        ctx.at(`routes[${i}]`, route);
        if (isUnknown(route.properties)) return route.properties;
        const out: Record<string, unknown> = {};
        for (const [cfn, canonical] of ROUTE_FIELDS)
          if (prop(route, cfn) !== undefined) out[canonical] = prop(route, cfn);
        const raw = route.raw.VpcPeeringConnectionId;
        if (raw !== undefined) {
          const connection = target(raw, "AWS::EC2::VPCPeeringConnection", ctx);
          const value = prop(route, "VpcPeeringConnectionId");
          const id = connection
            ? connection.logicalId
            : typeof value === "string"
              ? value
              : `unresolved peering connection of ${route.logicalId}`;
          out.vpcPeeringConnectionId = id;
          if (!connections.has(id)) connections.set(id, connection);
        }
        return { ...out, state: "active" };
      });
    const viaIpv6 = (id: string) =>
      routes.some(
        (r) =>
          !isUnknown(r) &&
          (r as Record<string, unknown>).vpcPeeringConnectionId === id &&
          (r as Record<string, unknown>).destinationIpv6CidrBlock !== undefined,
      );
    return {
      name: table.logicalId,
      properties: {
        routeTableId: unknown("assigned at deployment"),
        vpcId: prop(table, "VpcId") ?? null,
        // CloudFormation cannot make a table the VPC's main one.
        isMain: false,
        subnetIds: companions
          .filter((c) => c.type === "AWS::EC2::SubnetRouteTableAssociation")
          .map((a) => prop(a, "SubnetId") ?? null),
        routes,
        peeringConnections: [...connections].map(([id, connection]) => ({
          vpcPeeringConnectionId: id,
          peer: peerOf(table, connection, viaIpv6(id), ctx),
        })),
      },
      tags: tagsOf(prop(table, "Tags")),
    };
  },
};

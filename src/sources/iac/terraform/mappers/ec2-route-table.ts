/**
 * aws.ec2.route-table from aws_route_table / aws_default_route_table, with
 * inline routes, aws_route, and subnet and main associations. A peering
 * connection's peer side (its VPC's CIDRs) is resolved only when the
 * connection and the peer VPC are in the configuration; otherwise it is
 * unknown. A connection declared here has no id before apply, so its
 * address stands in for `vpcPeeringConnectionId` on both sides of the join.
 */
import { isUnknown, unknown } from "../../../../model/index.js";
import { stringTags, type TfConfiguration, type TfMapper } from "./common.js";
import type { TfResourceInput } from "./input.js";

const VPC_TYPES = ["aws_vpc", "aws_default_vpc"];
const PEERING_TYPES = ["aws_vpc_peering_connection"];

/** Canonical route keys by Terraform attribute (inline `route` blocks use `cidr_block`, aws_route `destination_cidr_block`). */
const ROUTE_FIELDS: [string, string][] = [
  ["cidr_block", "destinationCidrBlock"],
  ["destination_cidr_block", "destinationCidrBlock"],
  ["ipv6_cidr_block", "destinationIpv6CidrBlock"],
  ["destination_ipv6_cidr_block", "destinationIpv6CidrBlock"],
  ["destination_prefix_list_id", "destinationPrefixListId"],
  ["gateway_id", "gatewayId"],
  ["nat_gateway_id", "natGatewayId"],
  ["transit_gateway_id", "transitGatewayId"],
];

interface Peering {
  id: string;
  connection?: TfResourceInput;
}

/** The peering connection a route names: a literal id, a connection of this configuration, or an unknown one. */
function peeringOf(
  owner: TfResourceInput,
  attribute: string,
  value: unknown,
  config: TfConfiguration,
): Peering | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string")
    return {
      id: value,
      connection: config.ofType("aws_vpc_peering_connection").find((c) => c.values.id === value),
    };
  const connection = config.referenced(owner, attribute, PEERING_TYPES);
  if (connection)
    return {
      id: typeof connection.values.id === "string" ? connection.values.id : connection.address,
      connection,
    };
  return { id: `unresolved peering connection of ${owner.address}` };
}

function route(
  owner: TfResourceInput,
  path: string,
  values: Record<string, unknown>,
  config: TfConfiguration,
  peerings: Map<string, Peering>,
) {
  const out: Record<string, unknown> = {};
  for (const [attribute, canonical] of ROUTE_FIELDS) {
    const value = values[attribute];
    if (value !== undefined && value !== null && value !== "") out[canonical] = value;
  }
  const peering = peeringOf(
    owner,
    `${path}vpc_peering_connection_id`,
    values.vpc_peering_connection_id,
    config,
  );
  if (peering) {
    out.vpcPeeringConnectionId = peering.id;
    if (!peerings.has(peering.id)) peerings.set(peering.id, peering);
  }
  return { ...out, state: "active" };
}

/** Whether two VPC attributes name the same VPC: the same resource, or the same literal id. */
function sameVpc(
  a: TfResourceInput,
  aAttr: string,
  b: TfResourceInput,
  bAttr: string,
  config: TfConfiguration,
) {
  const ra = config.referenced(a, aAttr, VPC_TYPES);
  const rb = config.referenced(b, bAttr, VPC_TYPES);
  if (ra || rb) return ra === rb;
  const va = a.values[aAttr];
  return typeof va === "string" && va === b.values[bAttr];
}

/** The CIDRs of a VPC of this configuration; unknown when one is assigned at apply or not literal. */
function cidrsOf(vpc: TfResourceInput, ipv6Needed: boolean, config: TfConfiguration): string[] | undefined {
  const cidrs: unknown[] = [vpc.values.cidr_block];
  for (const a of config.ofType("aws_vpc_ipv4_cidr_block_association"))
    if (config.referenced(a, "vpc_id", VPC_TYPES) === vpc) cidrs.push(a.values.cidr_block);
  if (ipv6Needed) {
    const generated = vpc.values.assign_generated_ipv6_cidr_block === true || vpc.values.ipv6_ipam_pool_id;
    if (generated && typeof vpc.values.ipv6_cidr_block !== "string") return undefined;
    if (vpc.values.ipv6_cidr_block !== undefined) cidrs.push(vpc.values.ipv6_cidr_block);
    for (const a of config.ofType("aws_vpc_ipv6_cidr_block_association"))
      if (config.referenced(a, "vpc_id", VPC_TYPES) === vpc) cidrs.push(a.values.ipv6_cidr_block);
  }
  return cidrs.every((c) => typeof c === "string" && c !== "") ? (cidrs as string[]) : undefined;
}

function peerOf(table: TfResourceInput, peering: Peering, ipv6Needed: boolean, config: TfConfiguration) {
  const c = peering.connection;
  if (!c) return unknown("the peering connection is not in this configuration");
  // The table's VPC is one side of the connection; the peer is the other.
  // A default route table names its VPC through the VPC's default_route_table_id.
  const own = table.type === "aws_default_route_table" ? "default_route_table_id" : "vpc_id";
  const requesterSide = sameVpc(table, own, c, "vpc_id", config);
  const accepterSide = !requesterSide && sameVpc(table, own, c, "peer_vpc_id", config);
  if (!requesterSide && !accepterSide) return unknown("which side of the peering connection the table is on");
  const peerAttribute = requesterSide ? "peer_vpc_id" : "vpc_id";
  const vpc = config.referenced(c, peerAttribute, VPC_TYPES);
  const cidrBlocks = vpc ? cidrsOf(vpc, ipv6Needed, config) : undefined;
  if (!vpc || !cidrBlocks) return unknown("the peer VPC's CIDRs are not in this configuration");
  return {
    vpcId: typeof vpc.values.id === "string" ? vpc.values.id : vpc.address,
    ownerId:
      (requesterSide ? c.values.peer_owner_id : undefined) ?? unknown("the account of the configuration"),
    region:
      (requesterSide ? c.values.peer_region : undefined) ?? vpc.region ?? unknown("the provider's region"),
    cidrBlocks,
  };
}

export const ec2RouteTableMapper: TfMapper = {
  canonicalType: "aws.ec2.route-table",
  parentTypes: ["aws_route_table", "aws_default_route_table"],
  companions: {
    aws_route: "route_table_id",
    aws_route_table_association: "route_table_id",
    aws_main_route_table_association: "route_table_id",
  },
  linkKeys: (table) => [table.values.id],
  build(table, companions, props, config) {
    const peerings = new Map<string, Peering>();
    const inline = table.values.route;
    const separate = companions.get("aws_route") ?? [];
    let routes: unknown = isUnknown(inline)
      ? inline
      : (Array.isArray(inline) ? inline : []).map((r: Record<string, unknown>, i) =>
          route(table, `route[${i}].`, r, config, peerings),
        );
    if (Array.isArray(routes))
      routes = [...routes, ...separate.map((r) => route(r, "", r.values, config, peerings))];
    if (Array.isArray(inline) && inline.length > 0) props.add("routes", table, "route[0]");
    else props.add("routes", separate[0] ?? table);
    const viaIpv6 = (id: string) =>
      Array.isArray(routes) &&
      routes.some((r) => r.vpcPeeringConnectionId === id && r.destinationIpv6CidrBlock !== undefined);
    const main =
      table.type === "aws_default_route_table" || companions.has("aws_main_route_table_association");
    return {
      type: "aws.ec2.route-table",
      name: stringTags(table.values.tags).Name ?? table.address,
      tags: stringTags(table.values.tags),
      properties: {
        routeTableId: table.values.id ?? unknown("the route table id is known only after apply"),
        vpcId: table.values.vpc_id ?? unknown("the VPC id is known only after apply"),
        isMain: main,
        subnetIds: (companions.get("aws_route_table_association") ?? []).flatMap((a) =>
          a.values.subnet_id === undefined ? [] : [a.values.subnet_id],
        ),
        routes,
        peeringConnections: [...peerings.values()].map((p) => ({
          vpcPeeringConnectionId: p.id,
          peer: peerOf(table, p, viaIpv6(p.id), config),
        })),
      },
    };
  },
};

import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { isRecord, listAt, unknownResult } from "../../shared/read.js";

/** A CIDR as a bit string prefix; undefined when it does not parse. */
function cidrBits(cidr: string): { v6: boolean; bits: string } | undefined {
  const [address = "", length = ""] = cidr.split("/");
  const prefix = Number(length);
  if (!Number.isInteger(prefix)) return undefined;
  if (address.includes(":")) {
    const [head = "", tail] = address.split("::");
    const groups = (s: string) => (s === "" ? [] : s.split(":"));
    const missing = 8 - groups(head).length - groups(tail ?? "").length;
    if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
    const all = [...groups(head), ...Array(missing).fill("0"), ...groups(tail ?? "")];
    if (all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g)) || prefix > 128) return undefined;
    const bits = all.map((g) => Number.parseInt(g, 16).toString(2).padStart(16, "0")).join("");
    return { v6: true, bits: bits.slice(0, prefix) };
  }
  const octets = address.split(".").map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255) || prefix > 32)
    return undefined;
  return {
    v6: false,
    bits: octets
      .map((o) => o.toString(2).padStart(8, "0"))
      .join("")
      .slice(0, prefix),
  };
}

/** True when every address of `inner` is inside `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  const a = cidrBits(inner);
  const b = cidrBits(outer);
  return a !== undefined && b !== undefined && a.v6 === b.v6 && a.bits.startsWith(b.bits);
}

export default defineCheck({
  id: "aws.ec2.peering-routes-least-access",
  title: "Routes to a VPC peering connection are limited to the peer's addresses",
  description:
    "A route that sends a default route, or any range beyond the peer VPC's own CIDRs, through a peering connection gives the peer a wider path into the VPC than peering needs (CIS AWS 6.6). One result per route through a peering connection; routes to the whole peer VPC pass, routes to its subnets are the least access.",
  severity: "medium",
  resourceTypes: ["aws.ec2.route-table"],
  remediation:
    "Replace broad peering routes with routes to the peer's specific subnets (`aws ec2 delete-route` then `create-route --destination-cidr-block SUBNET --vpc-peering-connection-id pcx-…`).",
  references: ["https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html"],
  evaluate(resource) {
    const routes = listAt(resource, "routes");
    if (!Array.isArray(routes)) return unknownResult("routes", routes.unknown, "the route table's routes");
    const peerings = listAt(resource, "peeringConnections");
    if (!Array.isArray(peerings))
      return unknownResult("peeringConnections", peerings.unknown, "the peering connections");
    const results: CheckResult[] = [];
    routes.forEach((route, index) => {
      if (!isRecord(route) || typeof route.vpcPeeringConnectionId !== "string") return;
      const destination = route.destinationCidrBlock ?? route.destinationIpv6CidrBlock;
      // A prefix-list destination names no range this check can compare.
      if (typeof destination !== "string") return;
      const key = `${route.vpcPeeringConnectionId} ${destination}`;
      const peering = peerings.find(
        (p) => isRecord(p) && p.vpcPeeringConnectionId === route.vpcPeeringConnectionId,
      );
      const peer = isRecord(peering) ? peering.peer : undefined;
      const cidrs =
        isRecord(peer) && Array.isArray(peer.cidrBlocks) ? peer.cidrBlocks.map(String) : undefined;
      const path = `routes[${index}]`;
      if (isUnknown(peer) || cidrs === undefined) {
        results.push(
          notApplicable(
            `the peer of ${route.vpcPeeringConnectionId} is not known`,
            { path: "peeringConnections", actual: isUnknown(peer) ? peer : null },
            key,
          ),
        );
        return;
      }
      results.push(
        cidrs.some((c) => cidrWithin(destination, c))
          ? pass(`${destination} is inside the peer VPC`, { path, actual: destination }, key)
          : fail(
              `${destination} goes to ${route.vpcPeeringConnectionId} but is not inside the peer VPC (${cidrs.join(", ") || "no CIDR"})`,
              { path, actual: destination, expected: `a range inside ${cidrs.join(" or ")}` },
              key,
            ),
      );
    });
    return results.length > 0
      ? results
      : notApplicable("no route through a VPC peering connection", { path: "routes", actual: routes.length });
  },
});

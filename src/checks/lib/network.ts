/** Helpers for security-group and network ACL rules in the canonical shape (see docs/resource-types.md). */

export interface IpRule {
  /** "-1" (all), "tcp", "udp", "icmp", "icmpv6", or an IANA protocol number as a string. */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges?: unknown[];
  ipv6Ranges?: unknown[];
  prefixListIds?: string[];
  securityGroups?: string[];
  description?: string;
}

export const ANY_IPV4 = "0.0.0.0/0";
export const ANY_IPV6 = "::/0";

const ALL_PROTOCOLS = new Set(["-1", "all", "any"]);
const TCP = new Set(["tcp", "6"]);
const UDP = new Set(["udp", "17"]);

export function protocolName(protocol: unknown): string {
  return String(protocol).toLowerCase();
}

export function isAllProtocols(rule: IpRule): boolean {
  return ALL_PROTOCOLS.has(protocolName(rule.protocol));
}

/** True when the rule lets TCP (or, with `udp`, UDP) traffic reach `port`. */
export function coversPort(rule: IpRule, port: number, transport: "tcp" | "udp" = "tcp"): boolean {
  if (isAllProtocols(rule)) return true;
  const protocols = transport === "tcp" ? TCP : UDP;
  if (!protocols.has(protocolName(rule.protocol))) return false;
  const from = rule.fromPort ?? -1;
  const to = rule.toPort ?? -1;
  if (from === -1 && to === -1) return true;
  return from <= port && port <= to;
}

/** True when the rule opens every port of every protocol, or every TCP port. */
export function coversAllPorts(rule: IpRule): boolean {
  if (isAllProtocols(rule)) return true;
  if (!TCP.has(protocolName(rule.protocol))) return false;
  const from = rule.fromPort ?? -1;
  const to = rule.toPort ?? -1;
  return (from === -1 && to === -1) || (from <= 0 && to >= 65535);
}

/** A stable key for a rule, used in finding fingerprints, that does not depend on the rule's position. */
export function ruleKey(direction: "ingress" | "egress", rule: IpRule, source: string): string {
  const ports =
    rule.fromPort === undefined && rule.toPort === undefined ? "all" : `${rule.fromPort}-${rule.toPort}`;
  return `${direction}:${protocolName(rule.protocol)}:${ports}:${source}`;
}

export function ingressRules(properties: Record<string, unknown>): IpRule[] {
  const value = properties.ingress;
  return Array.isArray(value) ? (value as IpRule[]) : [];
}

export function portsText(rule: IpRule): string {
  if (isAllProtocols(rule)) return "all traffic";
  if (rule.fromPort === undefined || rule.fromPort === -1) return `all ${protocolName(rule.protocol)} ports`;
  return rule.fromPort === rule.toPort
    ? `${protocolName(rule.protocol)}/${rule.fromPort}`
    : `${protocolName(rule.protocol)}/${rule.fromPort}-${rule.toPort}`;
}

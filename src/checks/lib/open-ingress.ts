import { isUnknown, type Resource } from "../../model/index.js";
import { type CheckResult, fail, notApplicable, pass } from "../check.js";
import { ANY_IPV4, type ANY_IPV6, coversPort, ingressRules, portsText, ruleKey } from "./network.js";

/** Remote administration ports: SSH and RDP. */
export const ADMIN_PORTS = [22, 3389];

/**
 * One result per ingress rule that lets `source` (0.0.0.0/0 or ::/0) reach
 * any of `ports`; shared by the IPv4 and IPv6 variants of the
 * administration-port checks (security groups now, NACLs later).
 */
export function openIngressToPorts(
  resource: Resource,
  source: typeof ANY_IPV4 | typeof ANY_IPV6,
  ports: number[],
): CheckResult[] {
  const field = source === ANY_IPV4 ? "ipv4Ranges" : "ipv6Ranges";
  const results: CheckResult[] = [];
  ingressRules(resource.properties).forEach((rule, i) => {
    const reached = ports.filter((port) => coversPort(rule, port));
    if (reached.length === 0) return;
    const ranges = rule[field] ?? [];
    const path = `ingress[${i}].${field}`;
    if (ranges.includes(source)) {
      results.push(
        fail(
          `ingress rule opens ${portsText(rule)} (port ${reached.join(", ")}) to ${source}`,
          { path, actual: source, expected: `no ${source} source on ports ${ports.join(", ")}` },
          ruleKey("ingress", rule, source),
        ),
      );
    } else if (ranges.some(isUnknown)) {
      results.push(
        notApplicable(
          "an ingress source is not known at scan time",
          { path, actual: ranges },
          ruleKey("ingress", rule, "unknown"),
        ),
      );
    }
  });
  return results.length > 0
    ? results
    : [pass(`no ingress from ${source} to ports ${ports.join(", ")}`, { path: "ingress" })];
}

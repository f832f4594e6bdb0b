import { isUnknown, type Resource } from "../../../model/index.js";
import { type CheckResult, fail, notApplicable, pass } from "../../check.js";

/** Address prefixes that mean "anyone on the internet" in an NSG rule. */
const INTERNET = new Set(["*", "internet", "any", "0.0.0.0", "0.0.0.0/0", "::/0", "<nw>/0", "/0"]);

export interface NsgRule {
  name?: unknown;
  direction?: unknown;
  access?: unknown;
  protocol?: unknown;
  sourceAddressPrefixes?: unknown;
  destinationPortRanges?: unknown;
}

/** True when a port range written as `*`, `22` or `20-30` covers `port`. */
export function rangeCovers(range: string, port: number): boolean {
  if (range === "*") return true;
  const [from, to] = range.split("-").map((p) => Number(p.trim()));
  if (from === undefined || Number.isNaN(from)) return false;
  return to === undefined || Number.isNaN(to) ? from === port : from <= port && port <= to;
}

function coversAll(range: string): boolean {
  if (range === "*") return true;
  const [from, to] = range.split("-").map((p) => Number(p.trim()));
  return from === 0 && to === 65535;
}

/**
 * One result per inbound Allow rule that lets the internet reach `ports`
 * (TCP or any protocol), or every port when `ports` is "all". Rules whose
 * source or ports are unknown give not_applicable.
 */
export function internetIngress(resource: Resource, ports: number[] | "all", what: string): CheckResult[] {
  const rules = resource.properties.securityRules;
  if (isUnknown(rules))
    return [
      notApplicable("the security rules are not known at scan time", {
        path: "securityRules",
        actual: rules,
      }),
    ];
  const results: CheckResult[] = [];
  (Array.isArray(rules) ? (rules as NsgRule[]) : []).forEach((rule, i) => {
    if (isUnknown(rule)) {
      results.push(
        notApplicable(
          "a security rule is not known at scan time",
          { path: `securityRules[${i}]`, actual: rule },
          `rule-${i}`,
        ),
      );
      return;
    }
    if (String(rule.direction).toLowerCase() !== "inbound" || String(rule.access).toLowerCase() !== "allow")
      return;
    const protocol = String(rule.protocol ?? "*").toLowerCase();
    if (ports !== "all" && protocol !== "*" && protocol !== "tcp") return;
    const sources = Array.isArray(rule.sourceAddressPrefixes) ? rule.sourceAddressPrefixes : [];
    const ranges = Array.isArray(rule.destinationPortRanges) ? rule.destinationPortRanges : [];
    const path = `securityRules[${i}]`;
    const key = `rule:${String(rule.name)}`;
    if (ranges.some(isUnknown) || sources.some(isUnknown) || isUnknown(rule.protocol)) {
      const open = sources.some((s) => typeof s === "string" && INTERNET.has(s.toLowerCase()));
      const reaches = ranges.some(
        (r) =>
          typeof r === "string" && (ports === "all" ? coversAll(r) : ports.some((p) => rangeCovers(r, p))),
      );
      if (open || reaches || sources.every(isUnknown))
        results.push(
          notApplicable(
            `rule ${String(rule.name)} has values not known at scan time`,
            { path, actual: rule },
            key,
          ),
        );
      return;
    }
    const fromInternet = sources.some((s) => typeof s === "string" && INTERNET.has(s.toLowerCase()));
    if (!fromInternet) return;
    const reached =
      ports === "all"
        ? ranges.some((r) => typeof r === "string" && coversAll(r))
        : ports.some((p) => ranges.some((r) => typeof r === "string" && rangeCovers(r, p)));
    if (!reached) return;
    results.push(
      fail(
        `inbound rule ${String(rule.name)} allows ${what} from the internet (${sources.join(", ")})`,
        { path, actual: rule, expected: `no inbound Allow rule from the internet to ${what}` },
        key,
      ),
    );
  });
  return results.length > 0
    ? results
    : [pass(`no inbound rule allows ${what} from the internet`, { path: "securityRules" })];
}

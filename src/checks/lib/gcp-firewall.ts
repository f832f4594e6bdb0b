/** VPC firewall rules in the canonical shape (the Compute API's own: direction, sourceRanges, allowed[{IPProtocol, ports}]). */
import type { Resource } from "../../model/index.js";
import { getPath, isUnknown } from "../../model/index.js";
import { type CheckResult, fail, notApplicable, pass } from "../check.js";

const INTERNET = new Set(["0.0.0.0/0", "::/0"]);

interface Allowed {
  IPProtocol?: unknown;
  ports?: unknown;
}

/** True when an `allowed` entry lets TCP reach `port`, or (with "all") every port. */
function allows(entry: Allowed, port: number | "all"): boolean {
  const protocol = String(entry.IPProtocol ?? "").toLowerCase();
  const everyProtocol = protocol === "all";
  if (port === "all") {
    if (everyProtocol) return true;
    if (protocol !== "tcp" && protocol !== "udp") return false;
    const ports = Array.isArray(entry.ports) ? entry.ports.map(String) : [];
    return ports.length === 0 || ports.some((p) => p === "0-65535" || p === "1-65535");
  }
  if (!everyProtocol && protocol !== "tcp") return false;
  if (!Array.isArray(entry.ports) || entry.ports.length === 0) return true;
  return entry.ports.map(String).some((range) => {
    const [from, to = from] = range.split("-").map(Number);
    return from !== undefined && to !== undefined && from <= port && port <= to;
  });
}

/** The shared verdict of the "port X from the internet" firewall checks. */
export function firewallOpenToInternet(resource: Resource, port: number | "all"): CheckResult {
  const props = resource.properties;
  const what = port === "all" ? "every port" : `port ${port}`;
  if (getPath(props, "direction") === "EGRESS" || getPath(props, "disabled") === true)
    return notApplicable("the rule is not an enabled ingress rule", {
      path: "direction",
      actual: getPath(props, "direction"),
    });
  const ranges = getPath(props, "sourceRanges");
  const allowed = getPath(props, "allowed");
  if (isUnknown(ranges) || isUnknown(allowed))
    return fail(`the rule may allow ${what} from the internet`, {
      path: isUnknown(ranges) ? "sourceRanges" : "allowed",
      actual: isUnknown(ranges) ? ranges : allowed,
    });
  const open = Array.isArray(ranges) ? ranges.filter((r) => typeof r === "string" && INTERNET.has(r)) : [];
  if (open.length === 0)
    return pass("the rule does not admit the internet", { path: "sourceRanges", actual: ranges });
  const list = Array.isArray(allowed) ? (allowed as Allowed[]) : [];
  const index = list.findIndex((entry) => allows(entry, port));
  if (index < 0) return pass(`the rule does not allow ${what}`, { path: "allowed", actual: allowed });
  return fail(`the rule allows ${what} from ${open.join(" and ")}`, {
    path: `allowed[${index}]`,
    actual: list[index],
    expected: `no ${what} from 0.0.0.0/0 or ::/0`,
  });
}

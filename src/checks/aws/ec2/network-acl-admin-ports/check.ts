import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { isRecord } from "../../shared/read.js";

const ADMIN_PORTS = [22, 3389];
const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);
/** Protocols that carry TCP: all, or TCP by number or name. */
const TCP = new Set(["-1", "all", "6", "tcp"]);

interface Entry {
  ruleNumber?: unknown;
  egress?: unknown;
  ruleAction?: unknown;
  protocol?: unknown;
  cidrBlock?: unknown;
  ipv6CidrBlock?: unknown;
  portRange?: unknown;
}

const covers = (entry: Entry, port: number): boolean => {
  if (!TCP.has(String(entry.protocol ?? "-1").toLowerCase())) return false;
  if (!isRecord(entry.portRange)) return true;
  const { from, to } = entry.portRange;
  return typeof from === "number" && typeof to === "number" && from <= port && port <= to;
};

export default defineCheck({
  id: "aws.ec2.network-acl-admin-ports",
  title: "No network ACL allows ingress from anywhere to SSH or RDP",
  description:
    "NACLs are the subnet-level filter; the first matching rule (lowest number) decides, and an allow from 0.0.0.0/0 or ::/0 to port 22 or 3389 exposes remote administration (CIS AWS 6.2).",
  severity: "high",
  resourceTypes: ["aws.ec2.network-acl"],
  remediation:
    "Add lower-numbered deny entries for TCP 22 and 3389 from 0.0.0.0/0 and ::/0, or narrow the allow entries to trusted ranges.",
  evaluate(resource) {
    const entries = resource.properties.entries;
    if (isUnknown(entries))
      return notApplicable("the ACL entries are not known", { path: "entries", actual: entries });
    const inbound = (Array.isArray(entries) ? entries : [])
      .map((e, index) => ({ e: e as Entry, index }))
      .filter(({ e }) => isRecord(e) && e.egress !== true)
      .sort((a, b) => Number(a.e.ruleNumber) - Number(b.e.ruleNumber));
    const results: CheckResult[] = [];
    for (const port of ADMIN_PORTS)
      for (const source of ANYWHERE) {
        const field = source.includes(":") ? "ipv6CidrBlock" : "cidrBlock";
        // The first entry that matches traffic from anywhere to the port decides it.
        const first = inbound.find(
          ({ e }) => covers(e, port) && (e[field] === source || isUnknown(e[field])),
        );
        if (!first) continue;
        const path = `entries[${first.index}]`;
        if (isUnknown(first.e[field])) {
          results.push(
            notApplicable(
              `the source of entry ${String(first.e.ruleNumber)} is not known`,
              { path: `${path}.${field}`, actual: first.e[field] },
              `${port}:${source}`,
            ),
          );
          continue;
        }
        if (first.e.ruleAction === "allow")
          results.push(
            fail(
              `entry ${String(first.e.ruleNumber)} allows ${source} to port ${port}`,
              { path, actual: first.e, expected: `deny ${source} to port ${port}` },
              `${port}:${source}`,
            ),
          );
      }
    return results.length > 0
      ? results
      : pass("no inbound entry allows SSH or RDP from anywhere", { path: "entries", actual: inbound.length });
  },
});

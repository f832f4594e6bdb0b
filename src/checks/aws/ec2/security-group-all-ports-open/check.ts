import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";
import {
  ANY_IPV4,
  ANY_IPV6,
  coversAllPorts,
  ingressRules,
  portsText,
  ruleKey,
} from "../../../lib/network.js";

export default defineCheck({
  id: "aws.ec2.security-group-all-ports-open",
  title: "Security group does not open all ports to the internet",
  description:
    "A rule that admits all protocols, or every TCP port, from 0.0.0.0/0 or ::/0 exposes every service on the attached instances, including ones never meant to be reachable.",
  severity: "critical",
  resourceTypes: ["aws.ec2.security-group"],
  remediation:
    "Replace the rule with rules for the specific ports the workload serves, from the sources that need them.",
  references: ["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
  evaluate(resource) {
    const results: CheckResult[] = [];
    ingressRules(resource.properties).forEach((rule, i) => {
      if (!coversAllPorts(rule)) return;
      for (const [field, any] of [
        ["ipv4Ranges", ANY_IPV4],
        ["ipv6Ranges", ANY_IPV6],
      ] as const) {
        const ranges = rule[field] ?? [];
        const path = `ingress[${i}].${field}`;
        if (ranges.includes(any)) {
          results.push(
            fail(
              `ingress rule opens ${portsText(rule)} to ${any}`,
              { path, actual: any, expected: "specific ports only" },
              ruleKey("ingress", rule, any),
            ),
          );
        } else if (ranges.some(isUnknown)) {
          results.push(
            notApplicable(
              "an ingress source is not known at scan time",
              { path, actual: ranges },
              ruleKey("ingress", rule, `unknown-${field}`),
            ),
          );
        }
      }
    });
    return results.length > 0
      ? results
      : pass("no rule opens all ports to the internet", { path: "ingress" });
  },
});

import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { ANY_IPV4, coversPort, ingressRules, portsText, ruleKey } from "../../../lib/network.js";

/** Remote administration ports: SSH and RDP. */
const ADMIN_PORTS = [22, 3389];

export default defineCheck({
  id: "aws.ec2.security-group-admin-ports-ipv4",
  title: "Security group allows no ingress from 0.0.0.0/0 to remote administration ports",
  description:
    "A security group rule that opens SSH (22) or RDP (3389) to 0.0.0.0/0 exposes every attached instance to password guessing and exploits from the whole internet.",
  severity: "high",
  resourceTypes: ["aws.ec2.security-group"],
  remediation:
    "Remove the 0.0.0.0/0 source from rules that reach ports 22 and 3389; allow only known address ranges, or use SSM Session Manager or a bastion instead.",
  references: ["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html"],
  evaluate(resource) {
    const results: CheckResult[] = [];
    ingressRules(resource.properties).forEach((rule, i) => {
      const ports = ADMIN_PORTS.filter((port) => coversPort(rule, port));
      if (ports.length === 0) return;
      const ranges = rule.ipv4Ranges ?? [];
      const path = `ingress[${i}].ipv4Ranges`;
      if (ranges.includes(ANY_IPV4)) {
        results.push(
          fail(
            `ingress rule opens ${portsText(rule)} (port ${ports.join(", ")}) to 0.0.0.0/0`,
            { path, actual: ANY_IPV4, expected: "no 0.0.0.0/0 source on administration ports" },
            ruleKey("ingress", rule, ANY_IPV4),
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
      : pass("no ingress from 0.0.0.0/0 to ports 22 or 3389", { path: "ingress" });
  },
});

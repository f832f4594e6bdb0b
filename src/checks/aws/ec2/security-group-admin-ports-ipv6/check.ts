import { defineCheck } from "../../../check.js";
import { ANY_IPV6 } from "../../../lib/network.js";
import { ADMIN_PORTS, openIngressToPorts } from "../../../lib/open-ingress.js";

export default defineCheck({
  id: "aws.ec2.security-group-admin-ports-ipv6",
  title: "Security group allows no ingress from ::/0 to remote administration ports",
  description:
    "A security group rule that opens SSH (22) or RDP (3389) to ::/0 exposes every attached instance to password guessing and exploits from the whole internet.",
  severity: "high",
  resourceTypes: ["aws.ec2.security-group"],
  remediation:
    "Remove the ::/0 source from rules that reach ports 22 and 3389; allow only known address ranges, or use SSM Session Manager or a bastion instead.",
  references: ["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html"],
  evaluate(resource) {
    return openIngressToPorts(resource, ANY_IPV6, ADMIN_PORTS);
  },
});

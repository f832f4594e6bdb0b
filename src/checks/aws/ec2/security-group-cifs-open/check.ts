import { defineCheck } from "../../../check.js";
import { ANY_IPV4, ANY_IPV6 } from "../../../lib/network.js";
import { openIngressToPorts } from "../../../lib/open-ingress.js";

/** CIFS/SMB over TCP. */
const CIFS_PORTS = [445];

export default defineCheck({
  id: "aws.ec2.security-group-cifs-open",
  title: "No security group allows CIFS (445) from anywhere",
  description:
    "SMB exposed to the internet is a classic ransomware entry point; restrict port 445 to trusted networks (CIS AWS 6.1.2).",
  severity: "high",
  resourceTypes: ["aws.ec2.security-group"],
  remediation:
    "Remove ingress rules that open TCP 445 to 0.0.0.0/0 or ::/0; allow it only from known networks or security groups.",
  evaluate(resource) {
    const results = [
      ...openIngressToPorts(resource, ANY_IPV4, CIFS_PORTS),
      ...openIngressToPorts(resource, ANY_IPV6, CIFS_PORTS),
    ];
    const decided = results.filter((r) => r.status !== "pass");
    return decided.length > 0 ? decided : results.slice(0, 1);
  },
});

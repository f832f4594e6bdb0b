import { defineCheck } from "../../../check.js";
import { firewallOpenToInternet } from "../../../lib/gcp-firewall.js";

export default defineCheck({
  id: "gcp.compute.firewall-rdp-from-internet",
  title: "VPC firewall does not allow RDP (port 3389) from the internet",
  description:
    "A firewall rule that allows TCP 3389 from 0.0.0.0/0 exposes RDP to brute force and exploits from anywhere.",
  severity: "high",
  resourceTypes: ["gcp.compute.firewall"],
  remediation:
    "Restrict the rule's source ranges to known networks, or reach instances through IAP TCP forwarding instead of opening port 3389.",
  references: [
    "https://cloud.google.com/firewall/docs/using-firewalls",
    "https://cloud.google.com/iap/docs/using-tcp-forwarding",
  ],
  fixes: {
    terraform:
      'resource "google_compute_firewall" "r" {\n  source_ranges = ["10.0.0.0/8"] # not 0.0.0.0/0\n  allow {\n    protocol = "tcp"\n    ports    = ["3389"]\n  }\n}',
  },
  evaluate(resource) {
    return firewallOpenToInternet(resource, 3389);
  },
});

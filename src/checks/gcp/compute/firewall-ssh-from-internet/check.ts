import { defineCheck } from "../../../check.js";
import { firewallOpenToInternet } from "../../../lib/gcp-firewall.js";

export default defineCheck({
  id: "gcp.compute.firewall-ssh-from-internet",
  title: "VPC firewall does not allow SSH (port 22) from the internet",
  description:
    "A firewall rule that allows TCP 22 from 0.0.0.0/0 exposes SSH to brute force and exploits from anywhere.",
  severity: "high",
  resourceTypes: ["gcp.compute.firewall"],
  remediation:
    "Restrict the rule's source ranges to known networks, or reach instances through IAP TCP forwarding instead of opening port 22.",
  references: [
    "https://cloud.google.com/firewall/docs/using-firewalls",
    "https://cloud.google.com/iap/docs/using-tcp-forwarding",
  ],
  fixes: {
    terraform:
      'resource "google_compute_firewall" "r" {\n  source_ranges = ["10.0.0.0/8"] # not 0.0.0.0/0\n  allow {\n    protocol = "tcp"\n    ports    = ["22"]\n  }\n}',
  },
  evaluate(resource) {
    return firewallOpenToInternet(resource, 22);
  },
});

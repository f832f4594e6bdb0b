import { defineCheck } from "../../../check.js";
import { firewallOpenToInternet } from "../../../lib/gcp-firewall.js";

export default defineCheck({
  id: "gcp.compute.firewall-all-ports-from-internet",
  title: "VPC firewall does not allow every port from the internet",
  description:
    "A rule that allows all protocols or every port from 0.0.0.0/0 exposes every service on the instances it targets.",
  severity: "critical",
  resourceTypes: ["gcp.compute.firewall"],
  remediation: "Allow only the ports a service needs, from the networks that need them.",
  references: ["https://cloud.google.com/firewall/docs/using-firewalls"],
  evaluate(resource) {
    return firewallOpenToInternet(resource, "all");
  },
});

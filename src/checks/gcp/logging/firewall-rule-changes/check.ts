import { logMetricAlertCheck } from "../../lib/log-metric.js";

export default logMetricAlertCheck({
  id: "gcp.logging.firewall-rule-changes",
  what: "VPC firewall rule changes",
  terms: [
    'resource.type="gce_firewall_rule"',
    "compute.firewalls.patch",
    "compute.firewalls.insert",
    "compute.firewalls.delete",
  ],
  filter:
    'resource.type="gce_firewall_rule" AND (protoPayload.methodName:"compute.firewalls.patch" OR protoPayload.methodName:"compute.firewalls.insert" OR protoPayload.methodName:"compute.firewalls.delete")',
  reference: "https://cloud.google.com/logging/docs/audit",
});

import { logMetricAlertCheck } from "../../lib/log-metric.js";

export default logMetricAlertCheck({
  id: "gcp.logging.audit-config-changes",
  what: "audit configuration changes",
  terms: [
    'protoPayload.methodName="SetIamPolicy"',
    "protoPayload.serviceData.policyDelta.auditConfigDeltas:*",
  ],
  filter:
    'protoPayload.methodName="SetIamPolicy" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*',
  reference: "https://cloud.google.com/logging/docs/audit",
});

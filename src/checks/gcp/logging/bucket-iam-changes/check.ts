import { logMetricAlertCheck } from "../../lib/log-metric.js";

export default logMetricAlertCheck({
  id: "gcp.logging.bucket-iam-changes",
  what: "Cloud Storage IAM permission changes",
  terms: ['resource.type="gcs_bucket"', 'protoPayload.methodName="storage.setIamPermissions"'],
  filter: 'resource.type="gcs_bucket" AND protoPayload.methodName="storage.setIamPermissions"',
  reference: "https://cloud.google.com/logging/docs/audit",
});

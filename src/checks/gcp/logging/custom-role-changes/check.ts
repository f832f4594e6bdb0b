import { logMetricAlertCheck } from "../../lib/log-metric.js";

export default logMetricAlertCheck({
  id: "gcp.logging.custom-role-changes",
  what: "custom role changes",
  terms: [
    'resource.type="iam_role"',
    "google.iam.admin.v1.CreateRole",
    "google.iam.admin.v1.DeleteRole",
    "google.iam.admin.v1.UpdateRole",
  ],
  filter:
    'resource.type="iam_role" AND (protoPayload.methodName="google.iam.admin.v1.CreateRole" OR protoPayload.methodName="google.iam.admin.v1.DeleteRole" OR protoPayload.methodName="google.iam.admin.v1.UpdateRole" OR protoPayload.methodName="google.iam.admin.v1.UndeleteRole")',
  reference: "https://cloud.google.com/logging/docs/audit",
});

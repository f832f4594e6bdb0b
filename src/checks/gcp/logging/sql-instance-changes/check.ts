import { logMetricAlertCheck } from "../../lib/log-metric.js";

export default logMetricAlertCheck({
  id: "gcp.logging.sql-instance-changes",
  what: "Cloud SQL instance configuration changes",
  terms: ['protoPayload.methodName="cloudsql.instances.update"'],
  filter: 'protoPayload.methodName="cloudsql.instances.update"',
  reference: "https://cloud.google.com/logging/docs/audit",
});

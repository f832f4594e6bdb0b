import { logMetricAlertCheck } from "../../lib/log-metric.js";

export default logMetricAlertCheck({
  id: "gcp.logging.route-changes",
  what: "VPC route changes",
  terms: ['resource.type="gce_route"', "compute.routes.delete", "compute.routes.insert"],
  filter:
    'resource.type="gce_route" AND (protoPayload.methodName:"compute.routes.delete" OR protoPayload.methodName:"compute.routes.insert")',
  reference: "https://cloud.google.com/logging/docs/audit",
});

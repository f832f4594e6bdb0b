import { logMetricAlertCheck } from "../../lib/log-metric.js";

export default logMetricAlertCheck({
  id: "gcp.logging.network-changes",
  what: "VPC network changes",
  terms: [
    'resource.type="gce_network"',
    "compute.networks.insert",
    "compute.networks.patch",
    "compute.networks.delete",
    "compute.networks.removePeering",
    "compute.networks.addPeering",
  ],
  filter:
    'resource.type="gce_network" AND (protoPayload.methodName:"compute.networks.insert" OR protoPayload.methodName:"compute.networks.patch" OR protoPayload.methodName:"compute.networks.delete" OR protoPayload.methodName:"compute.networks.removePeering" OR protoPayload.methodName:"compute.networks.addPeering")',
  reference: "https://cloud.google.com/logging/docs/audit",
});

import { logMetricAlertCheck } from "../../lib/log-metric.js";

export default logMetricAlertCheck({
  id: "gcp.logging.project-ownership-changes",
  what: "project ownership changes",
  terms: [
    'protoPayload.serviceName="cloudresourcemanager.googleapis.com"',
    "ProjectOwnership",
    "projectOwnerInvitee",
    'bindingDeltas.action="REMOVE"',
    'bindingDeltas.action="ADD"',
    'bindingDeltas.role="roles/owner"',
  ],
  filter:
    '(protoPayload.serviceName="cloudresourcemanager.googleapis.com") AND (ProjectOwnership OR projectOwnerInvitee) OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner") OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")',
  reference: "https://cloud.google.com/logging/docs/audit",
});

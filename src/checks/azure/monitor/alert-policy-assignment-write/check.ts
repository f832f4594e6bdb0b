import { activityLogAlertCheck } from "../alert.js";

export default activityLogAlertCheck({
  id: "azure.monitor.alert-policy-assignment-write",
  operation: "Microsoft.Authorization/policyAssignments/write",
  label: "creating a policy assignment",
});

import { activityLogAlertCheck } from "../alert.js";

export default activityLogAlertCheck({
  id: "azure.monitor.alert-policy-assignment-delete",
  operation: "Microsoft.Authorization/policyAssignments/delete",
  label: "deleting a policy assignment",
});

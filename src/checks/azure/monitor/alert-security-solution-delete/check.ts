import { activityLogAlertCheck } from "../alert.js";

export default activityLogAlertCheck({
  id: "azure.monitor.alert-security-solution-delete",
  operation: "Microsoft.Security/securitySolutions/delete",
  label: "deleting a security solution",
});

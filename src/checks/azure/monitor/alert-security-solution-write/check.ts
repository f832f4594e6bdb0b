import { activityLogAlertCheck } from "../alert.js";

export default activityLogAlertCheck({
  id: "azure.monitor.alert-security-solution-write",
  operation: "Microsoft.Security/securitySolutions/write",
  label: "creating or updating a security solution",
});

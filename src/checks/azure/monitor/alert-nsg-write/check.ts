import { activityLogAlertCheck } from "../alert.js";

export default activityLogAlertCheck({
  id: "azure.monitor.alert-nsg-write",
  operation: "Microsoft.Network/networkSecurityGroups/write",
  label: "creating or updating a network security group",
});

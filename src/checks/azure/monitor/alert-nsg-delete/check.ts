import { activityLogAlertCheck } from "../alert.js";

export default activityLogAlertCheck({
  id: "azure.monitor.alert-nsg-delete",
  operation: "Microsoft.Network/networkSecurityGroups/delete",
  label: "deleting a network security group",
});

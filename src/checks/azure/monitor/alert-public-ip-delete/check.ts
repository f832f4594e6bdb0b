import { activityLogAlertCheck } from "../alert.js";

export default activityLogAlertCheck({
  id: "azure.monitor.alert-public-ip-delete",
  operation: "Microsoft.Network/publicIPAddresses/delete",
  label: "deleting a public IP address",
});

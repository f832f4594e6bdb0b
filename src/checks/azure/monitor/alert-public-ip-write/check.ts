import { activityLogAlertCheck } from "../alert.js";

export default activityLogAlertCheck({
  id: "azure.monitor.alert-public-ip-write",
  operation: "Microsoft.Network/publicIPAddresses/write",
  label: "creating or updating a public IP address",
});

import { activityLogAlertCheck } from "../alert.js";

export default activityLogAlertCheck({
  id: "azure.monitor.alert-sql-firewall-delete",
  operation: "Microsoft.Sql/servers/firewallRules/delete",
  label: "deleting a SQL server firewall rule",
});

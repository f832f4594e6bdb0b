import { activityLogAlertCheck } from "../alert.js";

export default activityLogAlertCheck({
  id: "azure.monitor.alert-sql-firewall-write",
  operation: "Microsoft.Sql/servers/firewallRules/write",
  label: "creating or updating a SQL server firewall rule",
});

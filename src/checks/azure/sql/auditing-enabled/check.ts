import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.sql.auditing-enabled",
  title: "SQL server auditing is enabled",
  description:
    "Auditing records database events to storage or Log Analytics, which incident response and several compliance frameworks need.",
  severity: "medium",
  resourceTypes: ["azure.sql.server"],
  remediation: "Add a Microsoft.Sql/servers/auditingSettings resource named default with state Enabled.",
  references: ["https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview"],
  fixes: {
    arm: '{ "type": "auditingSettings", "name": "default", "properties": { "state": "Enabled", "isAzureMonitorTargetEnabled": true } }',
    terraform: 'resource "azurerm_mssql_server_extended_auditing_policy" with log_monitoring_enabled = true',
  },
  evaluate(resource) {
    return requireSetting(resource, "auditing.state", (v) => v === "Enabled", {
      ok: "auditing is enabled",
      bad: (value) => `auditing is ${describe(value)}`,
      expected: "Enabled",
    });
  },
});

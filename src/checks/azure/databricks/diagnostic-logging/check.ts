import { defineCheck, fail, pass } from "../../../check.js";
import { reportedList } from "../../live/reported.js";

export default defineCheck({
  id: "azure.databricks.diagnostic-logging",
  title: "Databricks workspace delivers its diagnostic logs",
  description:
    "Workspace audit logs (accounts, clusters, jobs, notebooks) are the trail of who did what in the workspace.",
  severity: "medium",
  resourceTypes: ["azure.databricks.workspace"],
  remediation:
    "Add a diagnostic setting on the workspace that sends its log categories to a Log Analytics workspace, storage account or event hub.",
  references: [
    "https://learn.microsoft.com/en-us/azure/databricks/admin/account-settings/audit-log-delivery",
  ],
  evaluate(resource) {
    const list = reportedList(resource, "diagnosticSettings");
    if (!Array.isArray(list)) return list;
    const enabled = list.find((s) =>
      ((s as { logs?: { enabled?: unknown }[] }).logs ?? []).some((l) => l?.enabled === true),
    );
    if (enabled)
      return pass(`diagnostic setting ${String((enabled as { name?: unknown }).name)} delivers logs`, {
        path: "diagnosticSettings",
      });
    return fail("no diagnostic setting delivers the workspace logs", {
      path: "diagnosticSettings",
      actual: list,
      expected: "a setting with enabled logs",
    });
  },
});

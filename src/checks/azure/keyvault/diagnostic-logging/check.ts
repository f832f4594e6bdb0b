import { defineCheck, fail, pass } from "../../../check.js";
import { reportedList } from "../../live/reported.js";

interface LogSetting {
  category?: unknown;
  categoryGroup?: unknown;
  enabled?: unknown;
}

export default defineCheck({
  id: "azure.keyvault.diagnostic-logging",
  title: "Key Vault sends its audit logs to a diagnostic destination",
  description:
    "Without a diagnostic setting, access to keys, secrets and certificates leaves no trail beyond the platform's short retention.",
  severity: "medium",
  resourceTypes: ["azure.keyvault.vault"],
  remediation:
    "Add a diagnostic setting that sends the audit and allLogs category groups to a Log Analytics workspace, storage account or event hub.",
  references: ["https://learn.microsoft.com/en-us/azure/key-vault/general/howto-logging"],
  evaluate(resource) {
    const list = reportedList(resource, "diagnosticSettings");
    if (!Array.isArray(list)) return list;
    const covering = list.find((setting) => {
      const logs = ((setting as { logs?: LogSetting[] }).logs ?? []).filter((l) => l?.enabled === true);
      const has = (name: string) =>
        logs.some((l) => String(l.categoryGroup ?? l.category).toLowerCase() === name.toLowerCase());
      return (has("audit") && has("allLogs")) || has("AuditEvent");
    });
    if (covering)
      return pass(`diagnostic setting ${String((covering as { name?: unknown }).name)} captures the logs`, {
        path: "diagnosticSettings",
      });
    return fail("no diagnostic setting captures the audit logs", {
      path: "diagnosticSettings",
      actual: list,
      expected: "a setting with the audit and allLogs category groups enabled",
    });
  },
});

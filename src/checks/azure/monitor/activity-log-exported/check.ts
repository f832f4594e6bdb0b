import { defineCheck, fail, pass } from "../../../check.js";
import { reportedItems } from "../../live/reported.js";

export default defineCheck({
  id: "azure.monitor.activity-log-exported",
  title: "The subscription activity log is exported by a diagnostic setting",
  description:
    "The activity log is kept 90 days; a diagnostic setting exports it to a workspace, storage or event hub for longer retention and analysis.",
  severity: "medium",
  resourceTypes: ["azure.subscription"],
  remediation:
    "Create a subscription diagnostic setting (az monitor diagnostic-settings subscription create) with a destination.",
  references: ["https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/diagnostic-settings"],
  evaluate(resource) {
    const value = reportedItems(resource, "activityLogDiagnosticSettings");
    if (!Array.isArray(value)) return value;
    const settings = value as Record<string, unknown>[];
    const exported = settings.filter(
      (s) => s.workspaceId || s.storageAccountId || s.eventHubAuthorizationRuleId,
    );
    if (exported.length > 0)
      return pass(`${exported.length} diagnostic setting(s) export the activity log`, {
        path: "activityLogDiagnosticSettings",
      });
    return fail("no diagnostic setting exports the activity log", {
      path: "activityLogDiagnosticSettings",
      actual: settings,
      expected: "a diagnostic setting with a destination",
    });
  },
});

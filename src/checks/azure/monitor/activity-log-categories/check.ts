import { defineCheck, fail, pass } from "../../../check.js";
import { reportedItems } from "../../live/reported.js";

export default defineCheck({
  id: "azure.monitor.activity-log-categories",
  title: "The activity log export captures the Administrative, Alert, Policy and Security categories",
  description:
    "These categories carry the control-plane changes, alerts and policy decisions an investigation needs.",
  severity: "medium",
  resourceTypes: ["azure.subscription"],
  remediation:
    "Enable the Administrative, Alert, Policy and Security categories in the subscription diagnostic setting.",
  references: ["https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log-schema"],
  evaluate(resource) {
    const value = reportedItems(resource, "activityLogDiagnosticSettings");
    if (!Array.isArray(value)) return value;
    const needed = ["administrative", "alert", "policy", "security"];
    const settings = value as {
      name?: unknown;
      logs?: { category?: unknown; categoryGroup?: unknown; enabled?: unknown }[];
    }[];
    const covering = settings.find((s) => {
      const enabled = (s.logs ?? []).filter((l) => l?.enabled === true);
      if (enabled.some((l) => String(l.categoryGroup).toLowerCase() === "alllogs")) return true;
      return needed.every((c) => enabled.some((l) => String(l.category).toLowerCase() === c));
    });
    if (covering)
      return pass(`diagnostic setting ${String(covering.name)} captures the required categories`, {
        path: "activityLogDiagnosticSettings",
      });
    return fail("no diagnostic setting captures all of Administrative, Alert, Policy and Security", {
      path: "activityLogDiagnosticSettings",
      // Only the logs: an unresolved destination (IaC) must not hide a real failure.
      actual: settings.map((s) => ({ name: s.name, logs: s.logs })),
      expected: "Administrative, Alert, Policy and Security enabled",
    });
  },
});

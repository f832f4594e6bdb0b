import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.monitor.app-insights-configured",
  title: "The subscription has Application Insights",
  description:
    "Application Insights adds application telemetry and traces that infrastructure logs do not have.",
  severity: "low",
  resourceTypes: ["azure.subscription"],
  remediation:
    "Create a workspace-based Application Insights resource for the applications in the subscription.",
  references: ["https://learn.microsoft.com/en-us/azure/azure-monitor/app/app-insights-overview"],
  evaluate(resource) {
    const value = getPath(resource.properties, "appInsightsCount");
    if (isUnknown(value))
      return notApplicable("appInsightsCount is not known", { path: "appInsightsCount", actual: value });
    if (value === undefined)
      return notApplicable("appInsightsCount is not reported by this source", { path: "appInsightsCount" });
    if (typeof value === "number" && value > 0)
      return pass(`${value} Application Insights component(s)`, { path: "appInsightsCount", actual: value });
    return fail("no Application Insights component", {
      path: "appInsightsCount",
      actual: value,
      expected: "at least one",
    });
  },
});

import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { subscriptionAlertFor } from "../alert.js";

export default defineCheck({
  id: "azure.monitor.alert-service-health",
  title: "An activity log alert fires on Service Health events",
  description:
    "A Service Health alert tells the team about Azure incidents, planned maintenance and security advisories affecting the subscription.",
  severity: "low",
  resourceTypes: ["azure.subscription"],
  remediation:
    "Create an activity log alert on the subscription with category ServiceHealth, routed to an action group.",
  references: [
    "https://learn.microsoft.com/en-us/azure/service-health/alerts-activity-log-service-notifications-portal",
  ],
  evaluate(resource) {
    const result = subscriptionAlertFor(resource, (conditions) =>
      conditions.some(
        (c) =>
          String(c.field).toLowerCase() === "category" && String(c.equals).toLowerCase() === "servicehealth",
      ),
    );
    if ("unknown" in result)
      return notApplicable("the activity log alerts are not known", {
        path: "activityLogAlerts",
        actual: result.unknown,
      });
    if (result.found)
      return pass(`alert ${String(result.found.name)} fires on Service Health events`, {
        path: "activityLogAlerts",
      });
    return fail("no enabled subscription-wide activity log alert fires on Service Health events", {
      path: "activityLogAlerts",
      expected: "an alert with category ServiceHealth",
    });
  },
});

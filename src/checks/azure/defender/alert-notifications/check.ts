import { defineCheck } from "../../../check.js";
import { requireSecurityContact } from "../security-contacts.js";

export default defineCheck({
  id: "azure.defender.alert-notifications",
  title: "Defender for Cloud emails alerts of a chosen severity",
  description: "Alert notifications make sure high-severity alerts reach people when they are raised.",
  severity: "low",
  resourceTypes: ["azure.subscription"],
  remediation: "Enable alert notifications with a minimal severity in the security contact.",
  references: ["https://learn.microsoft.com/en-us/azure/defender-for-cloud/configure-email-notifications"],
  evaluate(resource) {
    return requireSecurityContact(
      resource,
      (c) => c.isEnabled !== false && (c.notificationsSources ?? []).some((s) => s?.sourceType === "Alert"),
      {
        ok: "alert notifications are on",
        bad: "alert notifications are off",
        expected: "a notification source of type Alert",
      },
    );
  },
});

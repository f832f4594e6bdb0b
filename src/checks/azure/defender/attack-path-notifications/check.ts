import { defineCheck } from "../../../check.js";
import { requireSecurityContact } from "../security-contacts.js";

export default defineCheck({
  id: "azure.defender.attack-path-notifications",
  title: "Defender for Cloud emails attack paths of a chosen risk level",
  description: "Attack path notifications surface exploitable chains of misconfigurations as they are found.",
  severity: "low",
  resourceTypes: ["azure.subscription"],
  remediation: "Enable attack path notifications with a minimal risk level in the security contact.",
  references: ["https://learn.microsoft.com/en-us/azure/defender-for-cloud/configure-email-notifications"],
  evaluate(resource) {
    return requireSecurityContact(
      resource,
      (c) =>
        c.isEnabled !== false && (c.notificationsSources ?? []).some((s) => s?.sourceType === "AttackPath"),
      {
        ok: "attack path notifications are on",
        bad: "attack path notifications are off",
        expected: "a notification source of type AttackPath",
      },
    );
  },
});

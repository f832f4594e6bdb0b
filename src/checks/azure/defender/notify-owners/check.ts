import { defineCheck } from "../../../check.js";
import { requireSecurityContact } from "../security-contacts.js";

export default defineCheck({
  id: "azure.defender.notify-owners",
  title: "Defender for Cloud emails subscription owners about alerts",
  description:
    "Owners should learn about security alerts on their subscription without relying on someone forwarding them.",
  severity: "low",
  resourceTypes: ["azure.subscription"],
  remediation: "In the security contact, turn notificationsByRole on with the Owner role.",
  references: ["https://learn.microsoft.com/en-us/azure/defender-for-cloud/configure-email-notifications"],
  evaluate(resource) {
    return requireSecurityContact(
      resource,
      (c) => c.notificationsByRole?.state === "On" && (c.notificationsByRole.roles ?? []).includes("Owner"),
      {
        ok: "owners are notified",
        bad: "no security contact notifies the Owner role",
        expected: "notificationsByRole On with Owner",
      },
    );
  },
});

import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

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
    const value = getPath(resource.properties, "securityContacts");
    if (isUnknown(value))
      return notApplicable("securityContacts is not known", { path: "securityContacts", actual: value });
    if (value === undefined || value === null)
      return notApplicable("securityContacts is not reported by this source", { path: "securityContacts" });
    const contacts = (Array.isArray(value) ? value : []) as {
      name?: unknown;
      emails?: unknown[];
      isEnabled?: unknown;
      notificationsByRole?: { state?: unknown; roles?: unknown[] };
      notificationsSources?: { sourceType?: unknown }[];
    }[];
    const match = contacts.find(
      (c) => c.notificationsByRole?.state === "On" && (c.notificationsByRole.roles ?? []).includes("Owner"),
    );
    if (match) return pass("owners are notified", { path: "securityContacts" });
    return fail("no security contact notifies the Owner role", {
      path: "securityContacts",
      actual: contacts,
      expected: "notificationsByRole On with Owner",
    });
  },
});

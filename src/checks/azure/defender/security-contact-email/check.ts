import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.defender.security-contact-email",
  title: "Defender for Cloud has a security contact email",
  description:
    "A security contact email makes sure the security team, not only the owners, receives Defender alerts.",
  severity: "low",
  resourceTypes: ["azure.subscription"],
  remediation: "Set at least one address in the security contact's emails.",
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
    const match = contacts.find((c) => Array.isArray(c.emails) && c.emails.length > 0);
    if (match) return pass("a security contact email is set", { path: "securityContacts" });
    return fail("no security contact email is set", {
      path: "securityContacts",
      actual: contacts,
      expected: "an email address",
    });
  },
});

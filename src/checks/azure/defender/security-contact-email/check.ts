import { defineCheck } from "../../../check.js";
import { requireSecurityContact } from "../security-contacts.js";

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
    return requireSecurityContact(resource, (c) => Array.isArray(c.emails) && c.emails.length > 0, {
      ok: "a security contact email is set",
      bad: "no security contact email is set",
      expected: "an email address",
    });
  },
});

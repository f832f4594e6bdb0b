import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.defender.attack-path-notifications",
  title: "Defender for Cloud emails attack paths of a chosen risk level",
  description: "Attack path notifications surface exploitable chains of misconfigurations as they are found.",
  severity: "low",
  resourceTypes: ["azure.subscription"],
  remediation: "Enable attack path notifications with a minimal risk level in the security contact.",
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
      (c) =>
        c.isEnabled !== false && (c.notificationsSources ?? []).some((s) => s?.sourceType === "AttackPath"),
    );
    if (match) return pass("attack path notifications are on", { path: "securityContacts" });
    return fail("attack path notifications are off", {
      path: "securityContacts",
      actual: contacts,
      expected: "a notification source of type AttackPath",
    });
  },
});

import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

/** The notification categories CIS asks to have a contact for; ALL covers every one. */
const REQUIRED = ["LEGAL", "SECURITY", "SUSPENSION", "TECHNICAL"] as const;

export default defineCheck({
  id: "gcp.project.essential-contacts",
  title: "Essential Contacts cover the legal, security, suspension and technical notifications",
  description:
    "Essential Contacts (set on the project or inherited from its folder or organization) decide who Google notifies about security incidents, suspensions, legal matters and technical problems; without them the notices go to people who may have left or never read them.",
  severity: "low",
  resourceTypes: ["gcp.project"],
  remediation:
    "Add contacts for the LEGAL, SECURITY, SUSPENSION and TECHNICAL categories (or ALL), preferably on the organization (gcloud essential-contacts create --organization=ORG --email=security@example.com --notification-categories=all).",
  references: ["https://cloud.google.com/resource-manager/docs/managing-notification-contacts"],
  evaluate(resource) {
    const path = "essentialContacts";
    const contacts = resource.properties[path];
    if (isUnknown(contacts))
      return notApplicable("the Essential Contacts are not known", { path, actual: contacts });
    // Asset exports and IaC do not carry contacts (they may be set on the organization).
    if (contacts === undefined || !Array.isArray(contacts))
      return notApplicable("the Essential Contacts were not collected", { path });
    const covered = new Set<string>();
    for (const contact of contacts) {
      const categories = (contact as { notificationCategorySubscriptions?: unknown })
        ?.notificationCategorySubscriptions;
      if (Array.isArray(categories)) for (const c of categories) covered.add(String(c));
    }
    const missing = covered.has("ALL") ? [] : REQUIRED.filter((c) => !covered.has(c));
    if (missing.length === 0)
      return pass(`Essential Contacts cover ${covered.has("ALL") ? "ALL categories" : REQUIRED.join(", ")}`, {
        path,
        actual: contacts,
      });
    return fail(`no Essential Contact for ${missing.join(", ")}`, {
      path,
      actual: contacts,
      expected: `contacts subscribed to ALL or to ${REQUIRED.join(", ")}`,
    });
  },
});

import type { Resource } from "../../../model/index.js";
import { type CheckResult, fail, pass } from "../../check.js";
import { reportedItems } from "../live/reported.js";

/** A Defender for Cloud security contact (`Microsoft.Security/securityContacts`), as far as the checks read it. */
export interface SecurityContact {
  name?: unknown;
  emails?: unknown[];
  isEnabled?: unknown;
  notificationsByRole?: { state?: unknown; roles?: unknown[] };
  notificationsSources?: { sourceType?: unknown }[];
}

/**
 * Passes when one of the subscription's security contacts satisfies `wanted`;
 * not applicable when the source does not report the contacts.
 */
export function requireSecurityContact(
  resource: Resource,
  wanted: (contact: SecurityContact) => boolean,
  text: { ok: string; bad: string; expected: string },
): CheckResult {
  const path = "securityContacts";
  const value = reportedItems(resource, path);
  if (!Array.isArray(value)) return value;
  const contacts = value as SecurityContact[];
  if (contacts.some(wanted)) return pass(text.ok, { path });
  return fail(text.bad, { path, actual: contacts, expected: text.expected });
}

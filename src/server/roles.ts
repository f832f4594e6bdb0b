/** The roles a token can have, and which of them may call what (docs/server.md). */
export const ROLES = ["admin", "analyst", "viewer", "ingest"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who may call a route; "public" only for /healthz and the static shell of the dashboard. */
export type Access = readonly Role[] | "public";

/** Read the posture, inventory, findings, compliance, scans. */
export const READ: readonly Role[] = ["admin", "analyst", "viewer"];
/** Mute findings, start scans, run SQL. */
export const WRITE: readonly Role[] = ["admin", "analyst"];
/** Tokens and the audit log. */
export const ADMIN: readonly Role[] = ["admin"];
/** Event ingest: a sensor's token has only this role. */
export const INGEST: readonly Role[] = ["admin", "ingest"];

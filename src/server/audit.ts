import { iso } from "../store/codec.js";
import type { Queryable } from "../store/db.js";

export interface AuditEntry {
  tokenId?: string;
  actor: string;
  role?: string;
  /** "POST /api/v1/findings/:fingerprint/mute" */
  action: string;
  /** The route parameters, e.g. the fingerprint. */
  target?: string;
  status: number;
  ip?: string;
  detail?: unknown;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: string;
}

export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `insert into audit_log (token_id, actor, role, action, target, status, ip, detail)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [
      entry.tokenId ?? null,
      entry.actor,
      entry.role ?? null,
      entry.action,
      entry.target ?? null,
      entry.status,
      entry.ip ?? null,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
    ],
  );
}

/** Newest first. */
export async function listAudit(
  db: Queryable,
  options: { limit: number; offset: number },
): Promise<{ items: AuditRecord[]; total: number }> {
  const rows = await db.query<{
    id: string | number;
    at: unknown;
    token_id: string | null;
    actor: string;
    role: string | null;
    action: string;
    target: string | null;
    status: number;
    ip: string | null;
    detail: unknown;
  }>("select * from audit_log order by id desc limit $1 offset $2", [options.limit, options.offset]);
  const [count] = await db.query<{ n: number }>("select count(*)::integer as n from audit_log");
  const items = rows.map((r) => {
    const record: AuditRecord = {
      id: Number(r.id),
      at: iso(r.at),
      actor: r.actor,
      action: r.action,
      status: r.status,
    };
    if (r.token_id !== null) record.tokenId = r.token_id;
    if (r.role !== null) record.role = r.role;
    if (r.target !== null) record.target = r.target;
    if (r.ip !== null) record.ip = r.ip;
    if (r.detail !== null) record.detail = r.detail;
    return record;
  });
  return { items, total: count?.n ?? 0 };
}

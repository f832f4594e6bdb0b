import { randomUUID } from "node:crypto";
import type { Alert } from "../detect/types.js";
import { iso } from "../store/codec.js";
import type { Queryable } from "../store/db.js";

/** Falco's priorities, most severe first (Falco's own names). */
export const PRIORITIES = [
  "EMERGENCY",
  "ALERT",
  "CRITICAL",
  "ERROR",
  "WARNING",
  "NOTICE",
  "INFORMATIONAL",
  "DEBUG",
] as const;
export type AlertPriority = (typeof PRIORITIES)[number];

export function normalizePriority(value: string): AlertPriority | undefined {
  const upper = value.trim().toUpperCase();
  if (upper === "INFO") return "INFORMATIONAL";
  if (upper === "WARN") return "WARNING";
  return (PRIORITIES as readonly string[]).includes(upper) ? (upper as AlertPriority) : undefined;
}

export interface NewAlert {
  time: string;
  rule: string;
  priority: AlertPriority;
  source: string;
  output: string;
  tags: string[];
  fields: Record<string, unknown>;
  eventId?: string;
  hostname?: string;
  origin: "falco" | "engine";
}

export interface StoredAlert extends NewAlert {
  id: string;
  receivedAt: string;
}

/** Stores alerts; an alert whose (source, rule, event id) is already stored is skipped (redelivery). Returns the new ones. */
export async function storeAlerts(db: Queryable, alerts: readonly NewAlert[]): Promise<NewAlert[]> {
  if (alerts.length === 0) return [];
  const rows = alerts.map((a) => ({
    id: randomUUID(),
    time: a.time,
    rule: a.rule,
    priority: a.priority,
    source: a.source,
    output: a.output,
    tags: a.tags,
    fields: a.fields,
    event_id: a.eventId ?? null,
    hostname: a.hostname ?? null,
    origin: a.origin,
  }));
  const inserted = await db.query<{ id: string }>(
    `insert into ingested_alert (id, time, rule, priority, source, output, tags, fields, event_id, hostname, origin)
     select r.id, r.time, r.rule, r.priority, r.source, r.output,
       array(select jsonb_array_elements_text(r.tags)), r.fields, r.event_id, r.hostname, r.origin
     from jsonb_to_recordset($1::jsonb) as r(id text, time timestamptz, rule text, priority text, source text,
       output text, tags jsonb, fields jsonb, event_id text, hostname text, origin text)
     on conflict do nothing returning id`,
    [JSON.stringify(rows)],
  );
  const fresh = new Set(inserted.map((r) => r.id));
  return alerts.filter((_, i) => fresh.has(rows[i]?.id as string));
}

/** A stored alert in the shape src/detect's outputs send (Falco's alert fields). */
export function outputAlert(a: NewAlert): Alert {
  const alert: Alert = {
    rule: a.rule,
    priority: a.priority,
    time: a.time,
    output: a.output,
    source: a.source,
    tags: a.tags,
    fields: a.fields as Alert["fields"],
  };
  if (a.eventId !== undefined) alert.eventId = a.eventId;
  return alert;
}

export interface AlertFilter {
  priority?: string[];
  source?: string;
  rule?: string;
  q?: string;
  since?: string;
  limit: number;
  offset: number;
}

export async function listAlerts(
  db: Queryable,
  f: AlertFilter,
): Promise<{ items: StoredAlert[]; total: number }> {
  const params = [
    f.priority ?? null,
    f.source ?? null,
    f.rule ?? null,
    f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
    f.since ?? null,
  ];
  const where = `($1::text[] is null or priority = any ($1)) and ($2::text is null or source = $2)
    and ($3::text is null or rule = $3) and ($4::text is null or output ilike $4 or rule ilike $4)
    and ($5::timestamptz is null or time >= $5)`;
  const rows = await db.query<Record<string, unknown>>(
    `select * from ingested_alert where ${where} order by time desc, id limit $6 offset $7`,
    [...params, f.limit, f.offset],
  );
  const [count] = await db.query<{ n: number }>(
    `select count(*)::integer as n from ingested_alert where ${where}`,
    params,
  );
  return {
    items: rows.map((r) => {
      const alert: StoredAlert = {
        id: r.id as string,
        receivedAt: iso(r.received_at),
        time: iso(r.time),
        rule: r.rule as string,
        priority: r.priority as AlertPriority,
        source: r.source as string,
        output: r.output as string,
        tags: r.tags as string[],
        fields: r.fields as Record<string, unknown>,
        origin: r.origin as "falco" | "engine",
      };
      if (r.event_id !== null) alert.eventId = r.event_id as string;
      if (r.hostname !== null) alert.hostname = r.hostname as string;
      return alert;
    }),
    total: count?.n ?? 0,
  };
}

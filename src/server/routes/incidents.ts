import { PRIORITIES } from "../../detect/types.js";
import { iso } from "../../store/codec.js";
import { READ } from "../roles.js";
import { likePattern, page, pageQuery, pageResponse, shortText } from "./common.js";
import type { RouteModule } from "./index.js";

/**
 * Incidents are derived from the stored alerts when asked for, with the
 * grouping of `mamori detect` (src/detect/alerts.ts): the alerts of one actor
 * join one incident until a gap longer than the window; the id is the same
 * hash of actor and first time, so the same logs give the same incident ids.
 * Stored alerts keep their output fields, not the raw event, so the actor is
 * read from the fields that name one (user, principal, container, host).
 */

export const DEFAULT_INCIDENT_WINDOW_SECONDS = 900;

/** Fields naming who acted, most specific first; a Falco syscall alert falls back to its container on its host. */
const ACTOR = `coalesce(
  fields->>'ka.user.name', fields->>'ct.user.arn', fields->>'ct.user', fields->>'gcp.user',
  fields->>'okta.actor.alternateid', fields->>'okta.actor.name', fields->>'github.user', fields->>'azure.caller',
  case when fields->>'container.name' is not null
    then coalesce(hostname || '/', '') || (fields->>'container.name') end,
  case when fields->>'container.id' is not null
    then coalesce(hostname || '/', '') || (fields->>'container.id') end,
  case when fields->>'user.name' is not null
    then (fields->>'user.name') || coalesce('@' || hostname, '') end,
  hostname, 'unknown')`;

const PRIORITY_ARRAY = `array[${PRIORITIES.map((p) => `'${p}'`).join(",")}]`;

/**
 * numbered: every alert with its actor and incident sequence; incident: one row per incident.
 * $1 is the window in seconds.
 */
const INCIDENTS_CTE = `
  with tagged as (
    select a.*, ${ACTOR} as actor from ingested_alert a
  ), gaps as (
    select t.*, case when lag(t.time) over w is null or t.time - lag(t.time) over w > make_interval(secs => $1)
      then 1 else 0 end as starts
    from tagged t window w as (partition by t.actor order by t.time, t.id)
  ), numbered as (
    select g.*, sum(g.starts) over (partition by g.actor order by g.time, g.id rows unbounded preceding) as seq
    from gaps g
  ), grouped as (
    select actor, seq, min(time) as first, max(time) as last, count(*)::integer as alerts,
      array_agg(distinct rule order by rule) as rules,
      array_agg(distinct source order by source) as sources,
      array_remove(array_agg(distinct hostname order by hostname), null) as hostnames,
      min(array_position(${PRIORITY_ARRAY}, priority)) as rank
    from numbered group by actor, seq
  ), incident as (
    select 'inc-' || left(encode(sha256(convert_to(actor, 'UTF8') || '\\x00'::bytea
        || convert_to(to_char(first at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'UTF8')), 'hex'), 16) as id,
      g.*, (${PRIORITY_ARRAY})[g.rank] as priority,
      case when g.last > now() - make_interval(secs => $1) then 'open' else 'closed' end as status
    from grouped g
  )`;

interface IncidentRow {
  id: string;
  actor: string;
  first: unknown;
  last: unknown;
  alerts: number;
  rules: string[];
  sources: string[];
  hostnames: string[];
  priority: string;
  status: string;
}

function toIncident(r: IncidentRow) {
  return {
    id: r.id,
    actor: r.actor,
    first: iso(r.first),
    last: iso(r.last),
    alerts: r.alerts,
    priority: r.priority,
    status: r.status,
    rules: r.rules,
    sources: r.sources,
    hostnames: r.hostnames,
  };
}

interface IncidentQuery {
  priority?: string[];
  status?: "open" | "closed";
  rule?: string;
  source?: string;
  actor?: string;
  q?: string;
  since?: string;
  until?: string;
  windowSeconds: number;
  sort: "last" | "first" | "priority" | "alerts";
  order: "asc" | "desc";
  limit: number;
  offset: number;
}

const SORTS: Record<IncidentQuery["sort"], string> = {
  last: "last",
  first: "first",
  priority: "rank",
  alerts: "alerts",
};

const windowSeconds = {
  type: "integer",
  minimum: 1,
  maximum: 7 * 86_400,
  default: DEFAULT_INCIDENT_WINDOW_SECONDS,
  description: "Alerts of one actor further apart than this start a new incident",
} as const;

const incidentSchema = {
  type: "object",
  required: ["id", "actor", "first", "last", "alerts", "priority", "status", "rules", "sources"],
  properties: {
    id: { type: "string" },
    actor: { type: "string" },
    first: { type: "string", format: "date-time" },
    last: { type: "string", format: "date-time" },
    alerts: { type: "integer" },
    priority: { type: "string", enum: [...PRIORITIES] },
    status: { type: "string", enum: ["open", "closed"] },
    rules: { type: "array", items: { type: "string" } },
    sources: { type: "array", items: { type: "string" } },
    hostnames: { type: "array", items: { type: "string" } },
  },
} as const;

const MAX_DETAIL_ALERTS = 1000;

export const incidentRoutes: RouteModule = {
  name: "incidents",
  register(app, ctx) {
    app.get<{ Querystring: IncidentQuery }>(
      "/api/v1/incidents",
      {
        config: { access: READ },
        schema: {
          summary: "Incidents: the stored alerts grouped by actor and time",
          description:
            "An incident is open while its last alert is less than `windowSeconds` old. `priority` (repeatable) matches the incident's highest priority; `rule` and `source` match any of its alerts; `since`/`until` keep incidents that overlap the range; `q` matches actor and rule names.",
          tags: ["alerts"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              priority: { type: "array", items: { type: "string", enum: [...PRIORITIES] }, maxItems: 8 },
              status: { type: "string", enum: ["open", "closed"] },
              rule: shortText,
              source: shortText,
              actor: shortText,
              q: shortText,
              since: { type: "string", format: "date-time" },
              until: { type: "string", format: "date-time" },
              windowSeconds,
              sort: { type: "string", enum: Object.keys(SORTS), default: "last" },
              order: { type: "string", enum: ["asc", "desc"], default: "desc" },
              ...pageQuery,
            },
          },
          response: { 200: pageResponse(incidentSchema) },
        },
      },
      async (request) => {
        const q = request.query;
        const params = [
          q.windowSeconds,
          q.priority ?? null,
          q.status ?? null,
          q.rule ?? null,
          q.source ?? null,
          q.actor ?? null,
          q.q ? likePattern(q.q) : null,
          q.since ?? null,
          q.until ?? null,
        ];
        const where = `($2::text[] is null or priority = any ($2)) and ($3::text is null or status = $3)
          and ($4::text is null or $4 = any (rules)) and ($5::text is null or $5 = any (sources))
          and ($6::text is null or actor = $6)
          and ($7::text is null or actor ilike $7 or exists (select 1 from unnest(rules) r where r ilike $7))
          and ($8::timestamptz is null or last >= $8) and ($9::timestamptz is null or first <= $9)`;
        // Priority sorts most severe first when descending, like severity elsewhere.
        const direction =
          q.sort === "priority" ? (q.order === "desc" ? "asc" : "desc") : q.order === "asc" ? "asc" : "desc";
        const rows = await ctx.db.query<IncidentRow & { total: number }>(
          `${INCIDENTS_CTE}
           select *, count(*) over ()::integer as total from incident where ${where}
           order by ${SORTS[q.sort]} ${direction}, last desc, id limit $10 offset $11`,
          [...params, q.limit, q.offset],
        );
        let total = rows[0]?.total;
        if (total === undefined) {
          // Past the last page: count separately so the pager still knows the size.
          const [count] = await ctx.db.query<{ n: number }>(
            `${INCIDENTS_CTE} select count(*)::integer as n from incident where ${where}`,
            params,
          );
          total = count?.n ?? 0;
        }
        return page(rows.map(toIncident), total, q.limit, q.offset);
      },
    );

    app.get<{ Params: { id: string }; Querystring: { windowSeconds: number } }>(
      "/api/v1/incidents/:id",
      {
        config: { access: READ },
        schema: {
          summary: "One incident with its alerts, oldest first",
          description: `At most ${MAX_DETAIL_ALERTS} alerts are listed; \`alerts\` in the incident gives the count.`,
          tags: ["alerts"],
          params: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "string", pattern: "^inc-[a-f0-9]{16}$" } },
          },
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { windowSeconds },
          },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const [row] = await ctx.db.query<IncidentRow>(
          `${INCIDENTS_CTE} select * from incident where id = $2`,
          [request.query.windowSeconds, id],
        );
        if (!row) return reply.code(404).send({ error: `no incident ${id}` });
        const alerts = await ctx.db.query<Record<string, unknown>>(
          `${INCIDENTS_CTE}
           select n.id, n.time, n.rule, n.priority, n.source, n.output, n.tags, n.fields, n.hostname, n.event_id, n.origin
           from numbered n join incident i on i.actor = n.actor and i.seq = n.seq
           where i.id = $2 order by n.time, n.id limit ${MAX_DETAIL_ALERTS}`,
          [request.query.windowSeconds, id],
        );
        return {
          ...toIncident(row),
          items: alerts.map((a) => ({
            id: a.id,
            time: iso(a.time),
            rule: a.rule,
            priority: a.priority,
            source: a.source,
            output: a.output,
            tags: a.tags,
            fields: a.fields,
            hostname: a.hostname ?? null,
            eventId: a.event_id ?? null,
            origin: a.origin,
          })),
        };
      },
    );
  },
};

import { iso, isoOrUndefined } from "../../store/codec.js";
import { READ, WRITE } from "../roles.js";
import { FINDING_STATES, likePattern, page, pageQuery, SEVERITIES, shortText } from "./common.js";
import type { RouteModule } from "./index.js";

interface FindingQuery {
  state?: string[];
  severity?: string[];
  provider?: string;
  account?: string;
  region?: string;
  checkId?: string;
  resourceType?: string;
  resourceId?: string;
  q?: string;
  current?: boolean;
  sort: "severity" | "last_seen" | "first_seen" | "check_id" | "resource_id";
  order: "asc" | "desc";
  limit: number;
  offset: number;
}

const SORTS: Record<FindingQuery["sort"], string> = {
  severity: "array_position(array['critical','high','medium','low','info'], f.severity)",
  last_seen: "f.last_seen",
  first_seen: "f.first_seen",
  check_id: "f.check_id",
  resource_id: "f.resource_id",
};

const GLOB_SPECIALS = /[\\*?[\]{}()!+@|]/g;

/** A mute pattern that matches exactly this text (mute ids are globs). */
function literalGlob(text: string): string {
  return text.replace(GLOB_SPECIALS, (c) => `\\${c}`);
}

interface FindingRow {
  fingerprint: string;
  check_id: string;
  title: string;
  severity: string;
  status: string;
  state: string;
  message: string;
  resource_id: string;
  resource_type: string;
  resource_name: string;
  provider: string;
  account: string | null;
  region: string | null;
  key: string | null;
  evidence: unknown;
  location: unknown;
  compliance: unknown;
  remediation: string | null;
  mute_id: string | null;
  mute_reason: string | null;
  mute_owner: string | null;
  mute_expires_at: unknown;
  first_seen: unknown;
  last_seen: unknown;
  resolved_at: unknown;
  in_last_scan: boolean;
}

function toFinding(r: FindingRow) {
  return {
    fingerprint: r.fingerprint,
    checkId: r.check_id,
    title: r.title,
    severity: r.severity,
    status: r.status,
    state: r.state,
    message: r.message,
    resource: {
      id: r.resource_id,
      type: r.resource_type,
      name: r.resource_name,
      provider: r.provider,
      account: r.account,
      region: r.region,
    },
    key: r.key,
    evidence: r.evidence,
    location: r.location,
    compliance: r.compliance,
    remediation: r.remediation,
    mute:
      r.state === "muted"
        ? {
            id: r.mute_id,
            reason: r.mute_reason,
            owner: r.mute_owner,
            expiresAt: isoOrUndefined(r.mute_expires_at) ?? null,
          }
        : null,
    firstSeen: iso(r.first_seen),
    lastSeen: iso(r.last_seen),
    resolvedAt: isoOrUndefined(r.resolved_at) ?? null,
    current: r.in_last_scan,
  };
}

/**
 * What `q` searches: title, check id, resource id and name joined by U+001F, exactly the
 * expression of the trigram index in migration 0008_search.sql (the planner uses the index only
 * for an identical expression). A query holding U+001F could match across two fields.
 */
const SEARCH_TEXT = String.raw`(f.title || E'\x1f' || f.check_id || E'\x1f' || f.resource_id || E'\x1f' || f.resource_name)`;

const SELECT = `select f.*, m.reason as mute_reason, m.owner as mute_owner, m.expires_at as mute_expires_at
  from finding_state f left join mute m on m.id = f.mute_id`;

const fingerprintParam = {
  type: "object",
  required: ["fingerprint"],
  properties: { fingerprint: { type: "string", pattern: "^[A-Za-z0-9:._-]{1,200}$" } },
} as const;

export const findingRoutes: RouteModule = {
  name: "findings",
  register(app, ctx) {
    app.get<{ Querystring: FindingQuery }>(
      "/api/v1/findings",
      {
        config: { access: READ },
        schema: {
          summary: "Filter, sort and page findings",
          description:
            "`state` and `severity` take several values (`?severity=critical&severity=high`). `q` matches title, check id, resource id and name.",
          tags: ["findings"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              state: { type: "array", items: { type: "string", enum: FINDING_STATES }, maxItems: 3 },
              severity: { type: "array", items: { type: "string", enum: SEVERITIES }, maxItems: 5 },
              provider: shortText,
              account: shortText,
              region: shortText,
              checkId: shortText,
              resourceType: shortText,
              resourceId: { type: "string", minLength: 1, maxLength: 2048 },
              q: shortText,
              current: { type: "boolean" },
              sort: { type: "string", enum: Object.keys(SORTS), default: "severity" },
              order: { type: "string", enum: ["asc", "desc"], default: "asc" },
              ...pageQuery,
            },
          },
        },
      },
      async (request) => {
        const q = request.query;
        const params = [
          q.state ?? null,
          q.severity ?? null,
          q.provider ?? null,
          q.account ?? null,
          q.region ?? null,
          q.checkId ?? null,
          q.resourceType ?? null,
          q.resourceId ?? null,
          q.q ? likePattern(q.q) : null,
          q.current ?? null,
        ];
        const where = `($1::text[] is null or f.state = any ($1)) and ($2::text[] is null or f.severity = any ($2))
          and ($3::text is null or f.provider = $3) and ($4::text is null or f.account = $4)
          and ($5::text is null or f.region = $5) and ($6::text is null or f.check_id = $6)
          and ($7::text is null or f.resource_type = $7) and ($8::text is null or f.resource_id = $8)
          and ($9::text is null or ${SEARCH_TEXT} ilike $9)
          and ($10::boolean is null or f.in_last_scan = $10)`;
        const direction = q.order === "desc" ? "desc" : "asc";
        const rows = await ctx.db.query<FindingRow>(
          `${SELECT} where ${where}
           order by ${SORTS[q.sort]} ${direction}, f.last_seen desc, f.fingerprint limit $11 offset $12`,
          [...params, q.limit, q.offset],
        );
        const [count] = await ctx.db.query<{ n: number }>(
          `select count(*)::integer as n from finding_state f where ${where}`,
          params,
        );
        return page(rows.map(toFinding), count?.n ?? 0, q.limit, q.offset);
      },
    );

    app.get<{ Params: { fingerprint: string } }>(
      "/api/v1/findings/:fingerprint",
      {
        config: { access: READ },
        schema: { summary: "One finding", tags: ["findings"], params: fingerprintParam },
      },
      async (request, reply) => {
        const [row] = await ctx.db.query<FindingRow>(`${SELECT} where f.fingerprint = $1`, [
          request.params.fingerprint,
        ]);
        if (!row) return reply.code(404).send({ error: `no finding ${request.params.fingerprint}` });
        return toFinding(row);
      },
    );

    app.post<{
      Params: { fingerprint: string };
      Body: { reason: string; owner?: string; expiresAt?: string };
    }>(
      "/api/v1/findings/:fingerprint/mute",
      {
        config: { access: WRITE },
        schema: {
          summary:
            "Mute this finding (its check on its resource) with a reason, an owner and an optional expiry",
          tags: ["findings"],
          params: fingerprintParam,
          body: {
            type: "object",
            additionalProperties: false,
            required: ["reason"],
            properties: {
              reason: { type: "string", minLength: 1, maxLength: 2000 },
              owner: { type: "string", minLength: 1, maxLength: 200 },
              expiresAt: { type: "string", format: "date-time" },
            },
          },
        },
      },
      async (request, reply) => {
        const [row] = await ctx.db.query<FindingRow>(`${SELECT} where f.fingerprint = $1`, [
          request.params.fingerprint,
        ]);
        if (!row) return reply.code(404).send({ error: `no finding ${request.params.fingerprint}` });
        const { expiresAt } = request.body;
        if (expiresAt !== undefined && Date.parse(expiresAt) <= Date.now())
          return reply.code(400).send({ error: "expiresAt is in the past" });
        const mute = await ctx.store.addMute({
          checkId: literalGlob(row.check_id),
          resourceId: literalGlob(row.resource_id),
          owner: request.body.owner ?? request.principal?.name ?? "api",
          reason: request.body.reason,
          ...(expiresAt === undefined ? {} : { expiresAt }),
        });
        (request as { auditDetail?: unknown }).auditDetail = { muteId: mute.id, reason: mute.reason };
        const [updated] = await ctx.db.query<FindingRow>(`${SELECT} where f.fingerprint = $1`, [
          request.params.fingerprint,
        ]);
        return reply.code(201).send({ mute, finding: updated ? toFinding(updated) : null });
      },
    );

    app.delete<{ Params: { fingerprint: string } }>(
      "/api/v1/findings/:fingerprint/mute",
      {
        config: { access: WRITE },
        schema: {
          summary: "Remove the mute that mutes this finding",
          description: "Removes the whole mute: other findings it muted open again too.",
          tags: ["findings"],
          params: fingerprintParam,
        },
      },
      async (request, reply) => {
        const [row] = await ctx.db.query<FindingRow>(`${SELECT} where f.fingerprint = $1`, [
          request.params.fingerprint,
        ]);
        if (!row) return reply.code(404).send({ error: `no finding ${request.params.fingerprint}` });
        if (!row.mute_id)
          return reply.code(409).send({
            error: "this finding is not muted by a mute (an inline suppression cannot be removed here)",
          });
        await ctx.store.removeMute(row.mute_id);
        (request as { auditDetail?: unknown }).auditDetail = { muteId: row.mute_id };
        const [updated] = await ctx.db.query<FindingRow>(`${SELECT} where f.fingerprint = $1`, [
          request.params.fingerprint,
        ]);
        return updated ? toFinding(updated) : null;
      },
    );

    app.get(
      "/api/v1/mutes",
      {
        config: { access: READ },
        schema: { summary: "Every mute, expired ones included", tags: ["findings"] },
      },
      async () => ({ items: await ctx.store.listMutes() }),
    );

    app.post<{ Body: Record<string, string> }>(
      "/api/v1/mutes",
      {
        config: { access: WRITE },
        schema: {
          summary: "Create a mute from matchers (globs on check and resource ids, account, region, tag)",
          tags: ["findings"],
          body: {
            type: "object",
            additionalProperties: false,
            required: ["reason"],
            properties: {
              checkId: shortText,
              resourceId: { type: "string", minLength: 1, maxLength: 2048 },
              account: shortText,
              region: shortText,
              tagKey: shortText,
              tagValue: shortText,
              reason: { type: "string", minLength: 1, maxLength: 2000 },
              owner: { type: "string", minLength: 1, maxLength: 200 },
              expiresAt: { type: "string", format: "date-time" },
            },
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const mute = await ctx.store.addMute({
          ...body,
          owner: body.owner ?? request.principal?.name ?? "api",
          reason: body.reason ?? "",
        });
        (request as { auditDetail?: unknown }).auditDetail = { muteId: mute.id };
        return reply.code(201).send(mute);
      },
    );

    app.delete<{ Params: { id: string } }>(
      "/api/v1/mutes/:id",
      {
        config: { access: WRITE },
        schema: {
          summary: "Delete a mute; the findings it muted open again",
          tags: ["findings"],
          params: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "string", pattern: "^[a-f0-9]{1,64}$" } },
          },
        },
      },
      async (request, reply) => {
        const removed = await ctx.store.removeMute(request.params.id);
        if (!removed) return reply.code(404).send({ error: `no mute ${request.params.id}` });
        return reply.code(204).send();
      },
    );
  },
};

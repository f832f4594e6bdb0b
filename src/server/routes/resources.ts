import { iso } from "../../store/codec.js";
import { READ } from "../roles.js";
import { likePattern, page, pageQuery, shortText } from "./common.js";
import type { RouteModule } from "./index.js";

interface ResourceQuery {
  type?: string;
  provider?: string;
  account?: string;
  region?: string;
  tag?: string;
  q?: string;
  sort: "type" | "name" | "id" | "risk" | "last_seen";
  order: "asc" | "desc";
  limit: number;
  offset: number;
}

const SORTS: Record<ResourceQuery["sort"], string> = {
  type: "r.type",
  name: "r.name",
  id: "r.id",
  risk: "coalesce(f.risk, 0)",
  last_seen: "r.last_seen",
};

interface ResourceRow {
  id: string;
  type: string;
  provider: string;
  account: string | null;
  region: string | null;
  name: string;
  tags: Record<string, string>;
  scope: string;
  first_seen: unknown;
  last_seen: unknown;
  open: number | null;
  risk: number | null;
}

export const resourceRoutes: RouteModule = {
  name: "resources",
  register(app, ctx) {
    app.get<{ Querystring: ResourceQuery }>(
      "/api/v1/resources",
      {
        config: { access: READ },
        schema: {
          summary: "Search the current inventory",
          description:
            "`tag` is `key` or `key=value`; `q` matches id, name and type (case-insensitive substring).",
          tags: ["resources"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              type: shortText,
              provider: shortText,
              account: shortText,
              region: shortText,
              tag: shortText,
              q: shortText,
              sort: { type: "string", enum: Object.keys(SORTS), default: "type" },
              order: { type: "string", enum: ["asc", "desc"], default: "asc" },
              ...pageQuery,
            },
          },
        },
      },
      async (request) => {
        const q = request.query;
        const [tagKey, tagValue] = q.tag ? splitTag(q.tag) : [null, null];
        const params = [
          q.type ?? null,
          q.provider ?? null,
          q.account ?? null,
          q.region ?? null,
          tagKey,
          tagValue,
          q.q ? likePattern(q.q) : null,
        ];
        const where = `r.in_last_scan
          and ($1::text is null or r.type = $1) and ($2::text is null or r.provider = $2)
          and ($3::text is null or r.account = $3) and ($4::text is null or r.region = $4)
          and ($5::text is null or r.tags ? $5) and ($6::text is null or r.tags ->> $5 = $6)
          and ($7::text is null or r.id ilike $7 or r.name ilike $7 or r.type ilike $7)`;
        const rows = await ctx.db.query<ResourceRow>(
          `select r.id, r.type, r.provider, r.account, r.region, r.name, r.tags, r.scope, r.first_seen, r.last_seen,
             f.open, f.risk
           from resource_state r
           left join lateral (
             select count(*)::integer as open,
               sum(case severity when 'critical' then 40 when 'high' then 10 when 'medium' then 3 when 'low' then 1 else 0 end)::integer as risk
             from finding_state x where x.resource_type = r.type and x.resource_id = r.id and x.state = 'open'
           ) f on true
           where ${where}
           order by ${SORTS[q.sort]} ${q.order === "desc" ? "desc" : "asc"} nulls last, r.type, r.id
           limit $8 offset $9`,
          [...params, q.limit, q.offset],
        );
        const [count] = await ctx.db.query<{ n: number }>(
          `select count(*)::integer as n from resource_state r where ${where}`,
          params,
        );
        return page(
          rows.map((r) => ({
            id: r.id,
            type: r.type,
            provider: r.provider,
            account: r.account,
            region: r.region,
            name: r.name,
            tags: r.tags,
            scope: r.scope,
            firstSeen: iso(r.first_seen),
            lastSeen: iso(r.last_seen),
            openFindings: r.open ?? 0,
            risk: r.risk ?? 0,
          })),
          count?.n ?? 0,
          q.limit,
          q.offset,
        );
      },
    );

    app.get(
      "/api/v1/resources/facets",
      {
        config: { access: READ },
        schema: {
          summary: "Distinct types, providers, accounts and regions of the inventory, for filters",
          tags: ["resources"],
        },
      },
      async () => {
        const distinct = async (column: string) =>
          (
            await ctx.db.query<{ v: string }>(
              `select distinct ${column} as v from resource_state where in_last_scan and ${column} is not null order by 1 limit 1000`,
            )
          ).map((r) => r.v);
        return {
          types: await distinct("type"),
          providers: await distinct("provider"),
          accounts: await distinct("account"),
          regions: await distinct("region"),
        };
      },
    );

    app.get<{ Querystring: { type: string; id: string } }>(
      "/api/v1/resources/detail",
      {
        config: { access: READ },
        schema: {
          summary: "One resource with its property history and its findings",
          description: "Ids hold slashes and colons (ARNs), so they travel in the query string.",
          tags: ["resources"],
          querystring: {
            type: "object",
            additionalProperties: false,
            required: ["type", "id"],
            properties: { type: shortText, id: { type: "string", minLength: 1, maxLength: 2048 } },
          },
        },
      },
      async (request, reply) => {
        const { type, id } = request.query;
        const [resource] = await ctx.db.query<Record<string, unknown>>(
          "select * from resource_state where type = $1 and id = $2",
          [type, id],
        );
        if (!resource) return reply.code(404).send({ error: `no resource ${type} ${id}` });
        const history = await ctx.db.query<Record<string, unknown>>(
          `select scan_id, observed_at, content_hash, name, tags, properties from resource_version
           where type = $1 and id = $2 order by observed_at desc limit 100`,
          [type, id],
        );
        const findings = await ctx.db.query<Record<string, unknown>>(
          `select fingerprint, check_id, title, severity, status, state, message, evidence, remediation, first_seen, last_seen
           from finding_state where resource_type = $1 and resource_id = $2
           order by array_position(array['critical','high','medium','low','info'], severity), check_id limit 500`,
          [type, id],
        );
        return {
          resource: {
            id: resource.id,
            type: resource.type,
            provider: resource.provider,
            account: resource.account,
            region: resource.region,
            name: resource.name,
            tags: resource.tags,
            properties: resource.properties,
            provenance: resource.provenance,
            scope: resource.scope,
            current: resource.in_last_scan,
            firstSeen: iso(resource.first_seen),
            lastSeen: iso(resource.last_seen),
          },
          history: history.map((h) => ({
            scanId: h.scan_id,
            observedAt: iso(h.observed_at),
            contentHash: h.content_hash,
            name: h.name,
            tags: h.tags,
            properties: h.properties,
          })),
          findings: findings.map((f) => ({
            fingerprint: f.fingerprint,
            checkId: f.check_id,
            title: f.title,
            severity: f.severity,
            status: f.status,
            state: f.state,
            message: f.message,
            evidence: f.evidence,
            remediation: f.remediation,
            firstSeen: iso(f.first_seen),
            lastSeen: iso(f.last_seen),
          })),
        };
      },
    );
  },
};

function splitTag(tag: string): [string, string | null] {
  const at = tag.indexOf("=");
  return at < 0 ? [tag, null] : [tag.slice(0, at), tag.slice(at + 1)];
}

import { iso, isoOrUndefined } from "../../store/codec.js";
import type { Queryable } from "../../store/db.js";
import { READ } from "../roles.js";
import { FINDING_STATES, likePattern, page, pageQuery, SEVERITIES, shortText } from "./common.js";
import type { RouteModule } from "./index.js";

/**
 * Vulnerabilities as `mamori image`, `fs` and `sbom` store them (src/vuln/scan.ts):
 * one `package` resource per package location, one finding `vuln.<id>` per
 * package and vulnerability, in the scope of what was scanned (`image:REF`,
 * `sbom:SUBJECT`, `fs:DIR`). An "image" here is such a scope; the advisory
 * records come from the advisory database (migration 0007).
 */

/** One row per vulnerability finding, with its package's properties. */
const VULN_CTE = `with vuln as (
  select f.fingerprint, substr(f.check_id, 6) as advisory, f.title, f.severity, f.state, f.message,
    f.scope as image, split_part(f.scope, ':', 1) as kind, f.resource_id, f.remediation,
    f.first_seen, f.last_seen, f.mute_id,
    coalesce(jsonb_typeof(f.evidence->'expected') = 'array', false) as fixable,
    case when jsonb_typeof(f.evidence->'expected') = 'array' then f.evidence->'expected' else '[]'::jsonb end
      as fixed_versions,
    coalesce(r.properties->>'name', f.resource_name) as package, r.properties->>'version' as version,
    r.properties->>'ecosystem' as ecosystem, r.properties->>'purl' as purl, r.properties->>'path' as path
  from finding_state f left join resource_state r on r.type = 'package' and r.id = f.resource_id
  where f.resource_type = 'package' and f.check_id like 'vuln.%'
)`;

const RANK = "array_position(array['critical','high','medium','low','info'], severity)";

const BY_SEVERITY = `jsonb_build_object(${SEVERITIES.map(
  (s) => `'${s}', count(*) filter (where severity = '${s}')`,
).join(", ")})`;

const RISK =
  "(40 * count(*) filter (where severity = 'critical') + 10 * count(*) filter (where severity = 'high') + 3 * count(*) filter (where severity = 'medium') + count(*) filter (where severity = 'low'))";

/** What every list filters on; images are scopes (`sbom:registry.example/app:1.4`). */
interface VulnFilter {
  image?: string;
  package?: string;
  ecosystem?: string;
  advisory?: string;
  severity?: string[];
  state?: string[];
  fixable?: boolean;
  q?: string;
}

const filterProperties = {
  image: { ...shortText, description: "the image's scope, as listed by /vulnerabilities/images" },
  package: { ...shortText, description: "package name" },
  ecosystem: shortText,
  advisory: { ...shortText, description: "the reported vulnerability id (CVE, GHSA, …)" },
  severity: { type: "array", items: { type: "string", enum: SEVERITIES }, maxItems: 5 },
  state: {
    type: "array",
    items: { type: "string", enum: FINDING_STATES },
    maxItems: 3,
    description: "default: open and muted (resolved = no longer found)",
  },
  fixable: { type: "boolean", description: "true: a fixed version exists; false: none yet" },
  q: { ...shortText, description: "matches vulnerability id, title, package and image" },
} as const;

/** The filter as a `where` over `vuln`, its values appended to `params`. */
function whereOf(f: VulnFilter, params: unknown[]): string {
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const clauses = [`state = any (${add(f.state ?? ["open", "muted"])}::text[])`];
  if (f.image !== undefined) clauses.push(`image = ${add(f.image)}`);
  if (f.package !== undefined) clauses.push(`package = ${add(f.package)}`);
  if (f.ecosystem !== undefined) clauses.push(`ecosystem = ${add(f.ecosystem)}`);
  if (f.advisory !== undefined) clauses.push(`advisory = ${add(f.advisory)}`);
  if (f.severity !== undefined) clauses.push(`severity = any (${add(f.severity)}::text[])`);
  if (f.fixable !== undefined) clauses.push(`fixable = ${add(f.fixable)}`);
  if (f.q !== undefined) {
    const p = add(likePattern(f.q));
    clauses.push(`(advisory ilike ${p} or title ilike ${p} or package ilike ${p} or image ilike ${p})`);
  }
  return clauses.join(" and ");
}

function imageName(scope: string): string {
  return scope.replace(/^(image|sbom|fs):/, "");
}

type Sorted<S extends string> = { sort: S; order: "asc" | "desc"; limit: number; offset: number };

function sortQuery(sorts: Record<string, string>, defaultSort: string, defaultOrder: "asc" | "desc") {
  return {
    sort: { type: "string", enum: Object.keys(sorts), default: defaultSort },
    order: { type: "string", enum: ["asc", "desc"], default: defaultOrder },
    ...pageQuery,
  } as const;
}

/** A page of grouped rows plus the number of groups, in one statement. */
async function pageOf<T>(
  db: Queryable,
  sql: string,
  params: unknown[],
  order: string,
  limit: number,
  offset: number,
  map: (row: Record<string, unknown>) => T,
) {
  const n = params.length;
  const rows = await db.query<Record<string, unknown>>(
    `select *, count(*) over ()::integer as total from (${sql}) g order by ${order} limit $${n + 1} offset $${n + 2}`,
    [...params, limit, offset],
  );
  let total = rows[0]?.total as number | undefined;
  if (total === undefined) {
    const [count] = await db.query<{ n: number }>(`select count(*)::integer as n from (${sql}) g`, params);
    total = count?.n ?? 0;
  }
  return page(rows.map(map), total, limit, offset);
}

const IMAGE_SORTS = {
  risk: "risk",
  name: "image",
  vulnerabilities: "vulnerabilities",
  last_scan: "last_scan",
};
const PACKAGE_SORTS = {
  severity: "rank",
  name: "package",
  vulnerabilities: "vulnerabilities",
  images: "images",
};
const ADVISORY_SORTS = { severity: "rank", id: "advisory", packages: "packages", images: "images" };
const VULN_SORTS = {
  severity: "rank",
  advisory: "advisory",
  package: "package",
  image: "image",
  first_seen: "first_seen",
};

const direction = (sort: string, order: "asc" | "desc") =>
  // Severity ranks 1 for critical: "desc" (most severe first) is ascending rank.
  sort === "severity" ? (order === "desc" ? "asc" : "desc") : order;

export const vulnerabilityRoutes: RouteModule = {
  name: "vulnerabilities",
  register(app, ctx) {
    app.get<{ Querystring: VulnFilter & Sorted<keyof typeof VULN_SORTS> }>(
      "/api/v1/vulnerabilities",
      {
        config: { access: READ },
        schema: {
          summary: "Vulnerability findings: one per image, package and vulnerability",
          tags: ["vulnerabilities"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { ...filterProperties, ...sortQuery(VULN_SORTS, "severity", "desc") },
          },
        },
      },
      async (request) => {
        const q = request.query;
        const params: unknown[] = [];
        const sql = `${VULN_CTE} select *, ${RANK} as rank from vuln where ${whereOf(q, params)}`;
        const sortKey = VULN_SORTS[q.sort];
        return pageOf(
          ctx.db,
          sql,
          params,
          `${sortKey} ${direction(q.sort, q.order)}, advisory, package, image, fingerprint`,
          q.limit,
          q.offset,
          toVulnerability,
        );
      },
    );

    app.get<{ Querystring: VulnFilter & Sorted<keyof typeof IMAGE_SORTS> }>(
      "/api/v1/vulnerabilities/images",
      {
        config: { access: READ },
        schema: {
          summary: "Scanned images (and SBOMs, folders) with their vulnerabilities by severity",
          description:
            "Every target scanned for vulnerabilities is listed, with counts of the vulnerabilities that match the filters; with `severity`, `fixable`, `package` or `advisory`, only targets that have some.",
          tags: ["vulnerabilities"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { ...filterProperties, ...sortQuery(IMAGE_SORTS, "risk", "desc") },
          },
        },
      },
      async (request) => {
        const q = request.query;
        const params: unknown[] = [];
        const { q: text, image, ...counted } = q;
        const where = whereOf(counted, params);
        const narrowing =
          q.severity !== undefined ||
          q.fixable !== undefined ||
          q.package !== undefined ||
          q.advisory !== undefined ||
          q.ecosystem !== undefined;
        const imageClauses: string[] = [];
        if (image !== undefined) {
          params.push(image);
          imageClauses.push(`s.image = $${params.length}`);
        }
        if (text !== undefined) {
          params.push(likePattern(text));
          imageClauses.push(`s.image ilike $${params.length}`);
        }
        if (narrowing) imageClauses.push("v.vulnerabilities > 0");
        const sql = `${VULN_CTE},
          scanned as (
            select scope as image, count(*) filter (where in_last_scan)::integer as packages
            from resource_state where type = 'package' group by scope
          ), counted as (
            select image, count(*)::integer as vulnerabilities, count(distinct resource_id)::integer as vulnerable_packages,
              count(*) filter (where fixable)::integer as fixable, ${BY_SEVERITY} as by_severity, ${RISK} as risk
            from vuln where ${where} group by image
          )
          select s.image, s.packages, coalesce(v.vulnerabilities, 0) as vulnerabilities,
            coalesce(v.vulnerable_packages, 0) as vulnerable_packages, coalesce(v.fixable, 0) as fixable,
            v.by_severity, coalesce(v.risk, 0) as risk,
            (select max(coalesce(finished_at, started_at)) from scan where scan.scope = s.image) as last_scan,
            (select kind from scan where scan.scope = s.image order by started_at desc limit 1) as kind
          from scanned s left join counted v on v.image = s.image
          ${imageClauses.length > 0 ? `where ${imageClauses.join(" and ")}` : ""}`;
        const sortKey = IMAGE_SORTS[q.sort];
        return pageOf(
          ctx.db,
          sql,
          params,
          `${sortKey} ${q.order} nulls last, image`,
          q.limit,
          q.offset,
          (r) => ({
            image: r.image as string,
            name: imageName(r.image as string),
            kind: (r.kind as string | null) ?? (r.image as string).split(":")[0],
            lastScan: isoOrUndefined(r.last_scan) ?? null,
            packages: r.packages as number,
            vulnerablePackages: r.vulnerable_packages as number,
            vulnerabilities: r.vulnerabilities as number,
            fixable: r.fixable as number,
            bySeverity: (r.by_severity as Record<string, number> | null) ?? zeroCounts(),
            risk: Number(r.risk),
          }),
        );
      },
    );

    app.get<{ Querystring: VulnFilter & Sorted<keyof typeof PACKAGE_SORTS> }>(
      "/api/v1/vulnerabilities/packages",
      {
        config: { access: READ },
        schema: {
          summary: "Vulnerable packages (name, version, ecosystem) across images",
          tags: ["vulnerabilities"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { ...filterProperties, ...sortQuery(PACKAGE_SORTS, "severity", "desc") },
          },
        },
      },
      async (request) => {
        const q = request.query;
        const params: unknown[] = [];
        const sql = `${VULN_CTE}
          select package, version, ecosystem, min(purl) as purl, min(${RANK}) as rank,
            count(distinct advisory)::integer as vulnerabilities, count(distinct image)::integer as images,
            count(*) filter (where fixable)::integer as fixable, ${BY_SEVERITY} as by_severity,
            array_agg(distinct image order by image) as image_list,
            (select coalesce(jsonb_agg(distinct v), '[]'::jsonb) from vuln x, jsonb_array_elements_text(x.fixed_versions) v
              where x.package is not distinct from vuln.package and x.version is not distinct from vuln.version
                and x.ecosystem is not distinct from vuln.ecosystem) as fixed_versions
          from vuln where ${whereOf(q, params)} group by package, version, ecosystem`;
        return pageOf(
          ctx.db,
          sql,
          params,
          `${PACKAGE_SORTS[q.sort]} ${direction(q.sort, q.order)}, package, version`,
          q.limit,
          q.offset,
          (r) => ({
            package: r.package as string,
            version: (r.version as string | null) ?? null,
            ecosystem: (r.ecosystem as string | null) ?? null,
            purl: (r.purl as string | null) ?? null,
            severity: SEVERITIES[(r.rank as number) - 1] ?? "info",
            vulnerabilities: r.vulnerabilities as number,
            fixable: r.fixable as number,
            bySeverity: r.by_severity as Record<string, number>,
            images: r.image_list as string[],
            fixedVersions: r.fixed_versions as string[],
          }),
        );
      },
    );

    app.get<{ Querystring: VulnFilter & Sorted<keyof typeof ADVISORY_SORTS> }>(
      "/api/v1/vulnerabilities/advisories",
      {
        config: { access: READ },
        schema: {
          summary: "Vulnerabilities by advisory: how many packages and images each affects",
          tags: ["vulnerabilities"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { ...filterProperties, ...sortQuery(ADVISORY_SORTS, "severity", "desc") },
          },
        },
      },
      async (request) => {
        const q = request.query;
        const params: unknown[] = [];
        const sql = `${VULN_CTE}
          select advisory, min(title) as title, min(${RANK}) as rank,
            count(distinct package || '@' || coalesce(version, ''))::integer as packages,
            count(distinct image)::integer as images, bool_or(fixable) as fixable, min(first_seen) as first_seen,
            array_agg(distinct package order by package) as package_names
          from vuln where ${whereOf(q, params)} group by advisory`;
        return pageOf(
          ctx.db,
          sql,
          params,
          `${ADVISORY_SORTS[q.sort]} ${direction(q.sort, q.order)}, advisory`,
          q.limit,
          q.offset,
          (r) => ({
            id: r.advisory as string,
            title: r.title as string,
            severity: SEVERITIES[(r.rank as number) - 1] ?? "info",
            packages: r.packages as number,
            packageNames: r.package_names as string[],
            images: r.images as number,
            fixable: r.fixable as boolean,
            firstSeen: iso(r.first_seen),
          }),
        );
      },
    );

    app.get<{ Params: { id: string } }>(
      "/api/v1/vulnerabilities/advisories/:id",
      {
        config: { access: READ },
        schema: {
          summary: "One vulnerability: its advisory records and every package and image it affects",
          description:
            "`records` are the advisory database's records whose id or aliases match (one vulnerability is often published as a CVE, a GHSA and a distribution advisory). `affected` lists every finding, resolved ones included.",
          tags: ["vulnerabilities"],
          params: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "string", pattern: "^[A-Za-z0-9:._-]{1,200}$" } },
          },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const affected = await ctx.db.query<Record<string, unknown>>(
          `${VULN_CTE} select *, ${RANK} as rank from vuln where advisory = $1 order by rank, image, package`,
          [id],
        );
        const records = await ctx.db.query<{ feed: string; id: string; modified: unknown; record: unknown }>(
          `select feed, id, modified, record from advisory
           where id = $1 or coalesce(record->'aliases', '[]'::jsonb) @> jsonb_build_array($1::text)
           order by id, feed limit 20`,
          [id],
        );
        if (affected.length === 0 && records.length === 0)
          return reply.code(404).send({ error: `no vulnerability ${id}` });
        const first = affected[0];
        const record = (records[0]?.record ?? {}) as Record<string, unknown>;
        const aliases = new Set<string>();
        for (const r of records) {
          const rec = r.record as { id?: string; aliases?: unknown };
          if (rec.id && rec.id !== id) aliases.add(rec.id);
          if (Array.isArray(rec.aliases)) for (const a of rec.aliases) if (a !== id) aliases.add(String(a));
        }
        return {
          id,
          title: (first?.title as string | undefined) ?? (record.summary as string | undefined) ?? id,
          severity: first ? first.severity : null,
          aliases: [...aliases].sort(),
          summary: (record.summary as string | undefined) ?? null,
          details: (record.details as string | undefined) ?? null,
          published: (record.published as string | undefined) ?? null,
          modified: (record.modified as string | undefined) ?? null,
          references: Array.isArray(record.references) ? record.references : [],
          records: records.map((r) => ({
            feed: r.feed,
            id: r.id,
            modified: isoOrUndefined(r.modified) ?? null,
            record: r.record,
          })),
          affected: affected.map(toVulnerability),
        };
      },
    );
  },
};

function zeroCounts(): Record<string, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
}

function toVulnerability(r: Record<string, unknown>) {
  return {
    fingerprint: r.fingerprint as string,
    id: r.advisory as string,
    title: r.title as string,
    severity: r.severity as string,
    state: r.state as string,
    image: r.image as string,
    imageName: imageName(r.image as string),
    kind: r.kind as string,
    package: r.package as string,
    version: (r.version as string | null) ?? null,
    ecosystem: (r.ecosystem as string | null) ?? null,
    purl: (r.purl as string | null) ?? null,
    path: (r.path as string | null) ?? null,
    fixable: r.fixable as boolean,
    fixedVersions: r.fixed_versions as string[],
    message: r.message as string,
    remediation: (r.remediation as string | null) ?? null,
    firstSeen: iso(r.first_seen),
    lastSeen: iso(r.last_seen),
  };
}

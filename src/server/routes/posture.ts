import { iso } from "../../store/codec.js";
import { READ } from "../roles.js";
import type { RouteModule } from "./index.js";

interface SeverityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
}

const zero = (): SeverityCounts => ({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });

/** Share of current pass/fail results that pass (muted failures count as accepted), 0–100; null without data. */
function score(passed: number, failed: number): number | null {
  const total = passed + failed;
  return total === 0 ? null : Math.round((1000 * passed) / total) / 10;
}

export const postureRoutes: RouteModule = {
  name: "posture",
  register(app, ctx) {
    app.get(
      "/api/v1/posture/summary",
      {
        config: { access: READ },
        schema: {
          summary:
            "Posture at a glance: findings by severity and state, scores per framework, provider and account, riskiest resources",
          tags: ["posture"],
        },
      },
      async () => {
        const db = ctx.db;
        const bySeverityRows = await db.query<{ severity: keyof SeverityCounts; state: string; n: number }>(
          "select severity, state, count(*)::integer as n from finding_state where state <> 'resolved' group by severity, state",
        );
        const open = zero();
        const muted = zero();
        for (const r of bySeverityRows) (r.state === "open" ? open : muted)[r.severity] = r.n;
        const groups = async (column: "provider" | "account") =>
          (
            await db.query<{
              key: string | null;
              provider: string;
              passed: number;
              failed: number;
              open: number;
              critical: number;
              high: number;
              medium: number;
              low: number;
              info: number;
              resources: number;
            }>(
              `select ${column} as key, min(provider) as provider,
                 count(*) filter (where status = 'pass' or state = 'muted')::integer as passed,
                 count(*) filter (where status = 'fail' and state = 'open')::integer as failed,
                 count(*) filter (where state = 'open')::integer as open,
                 count(*) filter (where state = 'open' and severity = 'critical')::integer as critical,
                 count(*) filter (where state = 'open' and severity = 'high')::integer as high,
                 count(*) filter (where state = 'open' and severity = 'medium')::integer as medium,
                 count(*) filter (where state = 'open' and severity = 'low')::integer as low,
                 count(*) filter (where state = 'open' and severity = 'info')::integer as info,
                 count(distinct (resource_type, resource_id))::integer as resources
               from finding_state where in_last_scan group by ${column} order by ${column}`,
            )
          ).map((r) => ({
            [column]: r.key ?? "(none)",
            provider: r.provider,
            score: score(r.passed, r.failed),
            resources: r.resources,
            openFindings: { critical: r.critical, high: r.high, medium: r.medium, low: r.low, info: r.info },
          }));
        const frameworks = (
          await db.query<{
            framework_id: string;
            framework_name: string;
            pass: number;
            fail: number;
            error: number;
            manual: number;
            no_data: number;
          }>(
            `select framework_id, min(framework_name) as framework_name,
               count(*) filter (where status = 'pass')::integer as pass,
               count(*) filter (where status = 'fail')::integer as fail,
               count(*) filter (where status = 'error')::integer as error,
               count(*) filter (where status = 'manual')::integer as manual,
               count(*) filter (where status = 'no_data')::integer as no_data
             from controls group by framework_id order by framework_id`,
          )
        ).map((r) => ({
          id: r.framework_id,
          name: r.framework_name,
          score: score(r.pass, r.fail + r.error),
          controls: { pass: r.pass, fail: r.fail, error: r.error, manual: r.manual, noData: r.no_data },
        }));
        const topResources = await db.query<{
          resource_id: string;
          resource_type: string;
          resource_name: string;
          provider: string;
          account: string | null;
          risk: number;
          open: number;
        }>(
          `select resource_id, resource_type, min(resource_name) as resource_name, min(provider) as provider,
             min(account) as account, count(*)::integer as open,
             sum(case severity when 'critical' then 40 when 'high' then 10 when 'medium' then 3 when 'low' then 1 else 0 end)::integer as risk
           from finding_state where state = 'open'
           group by resource_type, resource_id order by risk desc, open desc, resource_id limit 10`,
        );
        const [inventory] = await db.query<{ resources: number; scans: number; last_scan: unknown }>(
          `select (select count(*)::integer from resource_state where in_last_scan) as resources,
             (select count(*)::integer from scan where status = 'completed') as scans,
             (select max(finished_at) from scan where status = 'completed') as last_scan`,
        );
        return {
          findings: { open, muted },
          frameworks,
          providers: await groups("provider"),
          accounts: await groups("account"),
          topResources: topResources.map((r) => ({
            id: r.resource_id,
            type: r.resource_type,
            name: r.resource_name,
            provider: r.provider,
            account: r.account,
            risk: r.risk,
            openFindings: r.open,
          })),
          resources: inventory?.resources ?? 0,
          scans: inventory?.scans ?? 0,
          lastScanAt: inventory?.last_scan ? iso(inventory.last_scan) : null,
        };
      },
    );

    app.get<{ Querystring: { limit: number } }>(
      "/api/v1/posture/trend",
      {
        config: { access: READ },
        schema: {
          summary: "Failing findings by severity as seen by each completed scan, oldest first",
          tags: ["posture"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { limit: { type: "integer", minimum: 1, maximum: 500, default: 30 } },
          },
        },
      },
      async (request) => {
        const rows = await ctx.db.query<{
          id: string;
          scope: string;
          kind: string;
          finished_at: unknown;
          severity: keyof SeverityCounts | null;
          n: number;
        }>(
          `with recent as (
             select id, scope, kind, finished_at from scan where status = 'completed'
             order by finished_at desc limit $1)
           select r.id, r.scope, r.kind, r.finished_at, f.severity, count(o.fingerprint)::integer as n
           from recent r
           left join observation o on o.scan_id = r.id and o.state = 'open'
           left join finding_state f on f.fingerprint = o.fingerprint
           group by r.id, r.scope, r.kind, r.finished_at, f.severity
           order by r.finished_at, r.id`,
          [request.query.limit],
        );
        const points = new Map<
          string,
          { scanId: string; at: string; kind: string; scope: string; open: SeverityCounts }
        >();
        for (const row of rows) {
          let point = points.get(row.id);
          if (!point) {
            point = {
              scanId: row.id,
              at: iso(row.finished_at),
              kind: row.kind,
              scope: row.scope,
              open: zero(),
            };
            points.set(row.id, point);
          }
          if (row.severity) point.open[row.severity] = row.n;
        }
        return { items: [...points.values()] };
      },
    );
  },
};

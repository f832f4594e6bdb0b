import type { Queryable } from "../../store/db.js";
import {
  type ControlEvidence,
  type ControlReport,
  complianceCsv,
  complianceHtml,
  type FrameworkReport,
} from "../compliance-report.js";
import { READ } from "../roles.js";
import type { RouteModule } from "./index.js";

const frameworkParam = {
  type: "object",
  required: ["framework"],
  properties: { framework: { type: "string", pattern: "^[A-Za-z0-9._-]{1,128}$" } },
} as const;

interface ControlRow {
  framework_id: string;
  framework_name: string;
  control_id: string;
  title: string;
  section: string | null;
  profile: string | null;
  automated: boolean;
  check_ids: string[];
  status: string;
  passing_resources: number;
  failing_resources: number;
  muted_resources: number;
  error_resources: number;
}

function score(rows: ControlRow[]): number | null {
  const pass = rows.filter((r) => r.status === "pass").length;
  const decided = rows.filter((r) => ["pass", "fail", "error"].includes(r.status)).length;
  return decided === 0 ? null : Math.round((1000 * pass) / decided) / 10;
}

async function controls(db: Queryable, framework: string, controlId?: string): Promise<ControlRow[]> {
  return db.query<ControlRow>(
    `select * from controls where framework_id = $1 and ($2::text is null or control_id = $2) order by position`,
    [framework, controlId ?? null],
  );
}

/** Current findings of the control's checks, one per resource and check. */
async function evidence(db: Queryable, checkIds: string[], limit: number): Promise<ControlEvidence[]> {
  if (checkIds.length === 0) return [];
  const rows = await db.query<{
    resource_id: string;
    resource_type: string;
    resource_name: string;
    check_id: string;
    status: string;
    state: string;
    message: string;
  }>(
    `select resource_id, resource_type, resource_name, check_id, status, state, message from finding_state
     where in_last_scan and check_id = any ($1)
     order by case when status = 'fail' and state = 'open' then 0 when status = 'fail' then 1 when status = 'error' then 2 else 3 end,
       resource_id, check_id limit $2`,
    [checkIds, limit],
  );
  return rows.map((r) => ({
    resourceId: r.resource_id,
    resourceType: r.resource_type,
    resourceName: r.resource_name,
    checkId: r.check_id,
    status: r.status,
    state: r.state,
    message: r.message,
  }));
}

function toControl(r: ControlRow) {
  return {
    id: r.control_id,
    title: r.title,
    section: r.section,
    profile: r.profile,
    automated: r.automated,
    checkIds: r.check_ids,
    status: r.status,
    passingResources: r.passing_resources,
    failingResources: r.failing_resources,
    mutedResources: r.muted_resources,
    errorResources: r.error_resources,
  };
}

export const complianceRoutes: RouteModule = {
  name: "compliance",
  register(app, ctx) {
    app.get(
      "/api/v1/compliance/frameworks",
      {
        config: { access: READ },
        schema: { summary: "Frameworks with their score and control counts", tags: ["compliance"] },
      },
      async () => {
        const rows = await ctx.db.query<ControlRow>("select * from controls order by framework_id, position");
        const byFramework = new Map<string, ControlRow[]>();
        for (const r of rows)
          byFramework.set(r.framework_id, [...(byFramework.get(r.framework_id) ?? []), r]);
        return {
          items: [...byFramework.entries()].map(([id, list]) => ({
            id,
            name: list[0]?.framework_name ?? id,
            score: score(list),
            controls: list.length,
            counts: Object.fromEntries(
              ["pass", "fail", "error", "manual", "no_data"].map((s) => [
                s,
                list.filter((r) => r.status === s).length,
              ]),
            ),
          })),
        };
      },
    );

    app.get<{ Params: { framework: string } }>(
      "/api/v1/compliance/frameworks/:framework/controls",
      {
        config: { access: READ },
        schema: {
          summary: "Every control of a framework with its status",
          tags: ["compliance"],
          params: frameworkParam,
        },
      },
      async (request, reply) => {
        const rows = await controls(ctx.db, request.params.framework);
        if (rows.length === 0)
          return reply.code(404).send({ error: `no framework ${request.params.framework}` });
        return {
          framework: request.params.framework,
          name: rows[0]?.framework_name,
          score: score(rows),
          items: rows.map(toControl),
        };
      },
    );

    app.get<{ Params: { framework: string; control: string } }>(
      "/api/v1/compliance/frameworks/:framework/controls/:control",
      {
        config: { access: READ },
        schema: {
          summary: "One control with its evidence: the current findings of its checks, per resource",
          tags: ["compliance"],
          params: {
            type: "object",
            required: ["framework", "control"],
            properties: {
              framework: frameworkParam.properties.framework,
              control: { type: "string", pattern: "^[A-Za-z0-9._ -]{1,128}$" },
            },
          },
        },
      },
      async (request, reply) => {
        const [row] = await controls(ctx.db, request.params.framework, request.params.control);
        if (!row)
          return reply
            .code(404)
            .send({ error: `no control ${request.params.control} in ${request.params.framework}` });
        return { ...toControl(row), evidence: await evidence(ctx.db, row.check_ids, 1000) };
      },
    );

    app.get<{ Params: { framework: string }; Querystring: { format: "html" | "csv" | "json" } }>(
      "/api/v1/compliance/frameworks/:framework/report",
      {
        config: { access: READ },
        schema: {
          summary: "Download the framework's report (HTML, CSV or JSON) with per-control evidence",
          tags: ["compliance"],
          params: frameworkParam,
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { format: { type: "string", enum: ["html", "csv", "json"], default: "html" } },
          },
        },
      },
      async (request, reply) => {
        const rows = await controls(ctx.db, request.params.framework);
        if (rows.length === 0)
          return reply.code(404).send({ error: `no framework ${request.params.framework}` });
        const list: ControlReport[] = [];
        for (const r of rows) {
          list.push({
            controlId: r.control_id,
            title: r.title,
            section: r.section,
            automated: r.automated,
            checkIds: r.check_ids,
            status: r.status,
            passingResources: r.passing_resources,
            failingResources: r.failing_resources,
            mutedResources: r.muted_resources,
            errorResources: r.error_resources,
            evidence: await evidence(ctx.db, r.check_ids, 500),
          });
        }
        const report: FrameworkReport = {
          id: request.params.framework,
          name: rows[0]?.framework_name ?? request.params.framework,
          generatedAt: new Date().toISOString(),
          score: score(rows),
          controls: list,
        };
        const format = request.query.format;
        const name = `${report.id}-report.${format}`;
        reply.header("content-disposition", `attachment; filename="${name}"`);
        if (format === "csv") return reply.type("text/csv; charset=utf-8").send(complianceCsv(report));
        if (format === "json")
          return reply.type("application/json; charset=utf-8").send(JSON.stringify(report, null, 2));
        // Inline so a browser shows it; its own CSP allows only its <style>.
        reply.header("content-disposition", `inline; filename="${name}"`);
        reply.header(
          "content-security-policy",
          "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        );
        return reply.type("text/html; charset=utf-8").send(complianceHtml(report));
      },
    );
  },
};

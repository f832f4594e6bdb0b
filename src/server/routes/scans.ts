import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SnapshotError } from "../../sources/snapshot/index.js";
import { iso } from "../../store/codec.js";
import { scanSnapshots } from "../posture-scan.js";
import { READ, WRITE } from "../roles.js";
import { page, pageQuery } from "./common.js";
import type { RouteModule } from "./index.js";

/** Largest snapshot accepted by upload; larger ones are scanned with `mamori scan` (JSON Lines streams). */
export const MAX_SNAPSHOT_UPLOAD = 64 * 1024 * 1024;

const EXTENSION: Record<string, string> = {
  "application/json": "json",
  "application/x-ndjson": "jsonl",
  "application/jsonl": "jsonl",
  "application/yaml": "yaml",
  "application/x-yaml": "yaml",
  "text/yaml": "yaml",
};

const idParam = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", format: "uuid" } },
} as const;

export const scanRoutes: RouteModule = {
  name: "scans",
  register(app, ctx) {
    // The upload is kept as text and read by the snapshot source itself, so errors name lines as `mamori scan` does.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      Object.keys(EXTENSION),
      { parseAs: "string", bodyLimit: MAX_SNAPSHOT_UPLOAD },
      (_request, body, done) => done(null, body),
    );

    app.get<{ Querystring: { limit: number; offset: number } }>(
      "/api/v1/scans",
      {
        config: { access: READ },
        schema: {
          summary: "Scans, newest first",
          tags: ["scans"],
          querystring: { type: "object", additionalProperties: false, properties: { ...pageQuery } },
        },
      },
      async (request) => {
        const { limit, offset } = request.query;
        const rows = await ctx.db.query<Record<string, unknown>>(
          "select * from scans order by started_at desc, id limit $1 offset $2",
          [limit, offset],
        );
        const [count] = await ctx.db.query<{ n: number }>("select count(*)::integer as n from scan");
        return page(
          rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            target: r.target,
            scope: r.scope,
            status: r.status,
            startedAt: iso(r.started_at),
            finishedAt: r.finished_at ? iso(r.finished_at) : null,
            summary: r.summary,
            changes: r.changes,
            error: r.error,
          })),
          count?.n ?? 0,
          limit,
          offset,
        );
      },
    );

    app.get<{ Params: { id: string } }>(
      "/api/v1/scans/:id",
      { config: { access: READ }, schema: { summary: "One scan", tags: ["scans"], params: idParam } },
      async (request, reply) => {
        const scan = await ctx.store.getScan(request.params.id);
        if (!scan) return reply.code(404).send({ error: `no scan ${request.params.id}` });
        return scan;
      },
    );

    app.post<{ Body: string; Querystring: { name?: string } }>(
      "/api/v1/scans",
      {
        config: { access: WRITE },
        schema: {
          summary: "Scan an uploaded snapshot of canonical resources in the background",
          description:
            'The body is the snapshot: `application/json` (a list or `{"resources": [...]}`), `application/x-ndjson` or `application/yaml`, at most 64 MiB. `name` names the target; scans with the same name share a scope, so a later upload resolves what an earlier one found and no longer fails. Answers 202 with the job id; follow it at /api/v1/jobs/{id}.',
          tags: ["scans"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { name: { type: "string", pattern: "^[A-Za-z0-9._:@/-]{1,200}$" } },
          },
          body: { type: "string", minLength: 1 },
        },
      },
      async (request, reply) => {
        const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
        const ext = EXTENSION[type] ?? "json";
        const name = request.query.name ?? `upload-${new Date().toISOString()}`;
        const body = request.body;
        const actor = request.principal?.name ?? "api";
        const jobId = await ctx.jobs.submit("snapshot-scan", actor, async (job) => {
          const dir = await mkdtemp(join(tmpdir(), "mamori-upload-"));
          try {
            const file = join(dir, `snapshot.${ext}`);
            await writeFile(file, body);
            await job.log(
              `received ${Buffer.byteLength(body)} bytes (${type || "application/json"}) as ${name}`,
            );
            let result: Awaited<ReturnType<typeof scanSnapshots>>;
            try {
              result = await scanSnapshots(ctx.store, [file], {
                scope: `upload:${name}`,
                target: name,
                tool: ctx.tool,
                refuseUnreadable: true,
              });
            } catch (error) {
              // The temp file's path means nothing to the caller: name the upload instead.
              if (error instanceof SnapshotError) throw new Error(error.message.replace(file, name));
              throw error;
            }
            for (const error of result.errors) await job.log(`error: ${error.replace(file, name)}`);
            await job.log(
              `scan ${result.scanId ?? "(not recorded)"} completed: ${result.summary.resources} resources, ${result.summary.byStatus.fail} failing`,
            );
            return { scanId: result.scanId, summary: result.summary, errors: result.errors.length };
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        });
        (request as { auditDetail?: unknown }).auditDetail = { jobId, name, bytes: Buffer.byteLength(body) };
        return reply.code(202).header("location", `/api/v1/jobs/${jobId}`).send({ jobId });
      },
    );

    app.get<{ Querystring: { limit: number; offset: number } }>(
      "/api/v1/jobs",
      {
        config: { access: READ },
        schema: {
          summary: "Background jobs, newest first",
          tags: ["scans"],
          querystring: { type: "object", additionalProperties: false, properties: { ...pageQuery } },
        },
      },
      async (request) => {
        const { items, total } = await ctx.jobs.list(request.query.limit, request.query.offset);
        return page(items, total, request.query.limit, request.query.offset);
      },
    );

    app.get<{ Params: { id: string } }>(
      "/api/v1/jobs/:id",
      {
        config: { access: READ },
        schema: { summary: "A job's status, log and result", tags: ["scans"], params: idParam },
      },
      async (request, reply) => {
        const job = await ctx.jobs.get(request.params.id);
        if (!job) return reply.code(404).send({ error: `no job ${request.params.id}` });
        return job;
      },
    );
  },
};

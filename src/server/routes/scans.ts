import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SnapshotError } from "../../sources/snapshot/index.js";
import { iso } from "../../store/codec.js";
import { ArchiveError, extractArchive } from "../archive.js";
import { scanCloudAccount, scanIacFolder, scanSnapshots } from "../posture-scan.js";
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

/** IaC archives: gzip or plain tar, or zip (the format is told by the bytes, not the type). */
const ARCHIVE_TYPES = [
  "application/gzip",
  "application/x-gzip",
  "application/x-tar",
  "application/x-compressed-tar",
  "application/zip",
  "application/x-zip-compressed",
  "application/octet-stream",
];

const uploadName = { type: "string", pattern: "^[A-Za-z0-9._:@/-]{1,200}$" } as const;

/** `{"account": NAME}` (and nothing else) asks for a scan of a configured account; any other JSON is a snapshot. */
function accountRequest(type: string, body: string): string | undefined {
  if (type !== "application/json" || !body.includes('"account"')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || keys[0] !== "account") return undefined;
  const account = (parsed as { account: unknown }).account;
  if (typeof account !== "string" || account === "")
    throw Object.assign(new Error("body.account: expected the name of a configured account"), {
      statusCode: 400,
    });
  return account;
}

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
    app.addContentTypeParser(
      ARCHIVE_TYPES,
      { parseAs: "buffer", bodyLimit: MAX_SNAPSHOT_UPLOAD },
      (_request, body, done) => done(null, body),
    );

    app.get(
      "/api/v1/accounts",
      {
        config: { access: READ },
        schema: {
          summary: "Cloud accounts the server is configured to scan",
          description:
            "From `mamori serve --accounts FILE`: name, provider and options of each (credentials come from the server's environment, never from this list).",
          tags: ["scans"],
          querystring: { type: "object", additionalProperties: false, properties: {} },
        },
      },
      async () => ({ items: ctx.accounts ?? [] }),
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
          summary: "Scan a configured cloud account, or an uploaded snapshot, in the background",
          description:
            'With the body `{"account": "NAME"}`, scans that account of `mamori serve --accounts` live (AWS, Azure) or from its saved inventory (Google Cloud), as `mamori cloud` does. Any other body is a snapshot of canonical resources: `application/json` (a list or `{"resources": [...]}`), `application/x-ndjson` or `application/yaml`, at most 64 MiB; `name` names its target, and scans with the same name share a scope, so a later upload resolves what an earlier one found and no longer fails. Answers 202 with the job id; follow it at /api/v1/jobs/{id}.',
          tags: ["scans"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { name: uploadName },
          },
          body: { type: "string", minLength: 1 },
        },
      },
      async (request, reply) => {
        const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
        const accountName = accountRequest(type, request.body);
        if (accountName !== undefined) {
          const account = ctx.accounts?.find((a) => a.name === accountName);
          if (!account)
            return reply.code(400).send({
              error: ctx.accounts?.length
                ? `body.account: no account ${accountName} (configured: ${ctx.accounts.map((a) => a.name).join(", ")})`
                : "body.account: no accounts are configured (start mamori serve with --accounts FILE)",
            });
          const actor = request.principal?.name ?? "api";
          const jobId = await ctx.jobs.submit(`${account.provider}-scan`, actor, async (job) => {
            await job.log(`scan of account ${account.name} (${account.provider}) started`);
            try {
              const result = await scanCloudAccount(ctx.store, account, job.log, ctx.tool);
              for (const error of result.errors.slice(0, 50)) await job.log(`error: ${error}`);
              if (result.errors.length > 50) await job.log(`… and ${result.errors.length - 50} more errors`);
              await job.log(
                `scan ${result.scanId ?? "(not recorded)"} completed: ${result.summary.resources} resources, ${result.summary.byStatus.fail} failing`,
              );
              return { scanId: result.scanId, summary: result.summary, errors: result.errors.length };
            } catch (error) {
              await job.log(`failed: ${(error as Error).message}`);
              throw error;
            }
          });
          (request as { auditDetail?: unknown }).auditDetail = { jobId, account: account.name };
          return reply.code(202).header("location", `/api/v1/jobs/${jobId}`).send({ jobId });
        }
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

    app.post<{ Body: Buffer; Querystring: { name?: string } }>(
      "/api/v1/scans/iac",
      {
        config: { access: WRITE },
        schema: {
          summary: "Scan an uploaded IaC archive in the background",
          description:
            "The body is a `.tar.gz`, `.tar` or `.zip` of IaC files (Terraform, CloudFormation, ARM, Kubernetes, Dockerfiles), at most 64 MiB, scanned as `mamori iac` scans a folder (inline suppressions and the archive's `.mamori.yaml` apply, its checks-dir does not). The archive is untrusted: absolute paths, `..` and links leaving it refuse it; links are never followed; at most 20,000 entries, 16 MiB per file and 512 MiB uncompressed. `name` names the target and scope, as for snapshots. Answers 202 with the job id.",
          tags: ["scans"],
          querystring: { type: "object", additionalProperties: false, properties: { name: uploadName } },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0)
          return reply.code(400).send({
            error: `body: expected a .tar.gz, .tar or .zip archive (content-type ${ARCHIVE_TYPES.join(", ")})`,
          });
        const name = request.query.name ?? `iac-upload-${new Date().toISOString()}`;
        const actor = request.principal?.name ?? "api";
        const jobId = await ctx.jobs.submit("iac-scan", actor, async (job) => {
          // mkdtemp makes the folder readable by this user only.
          const dir = await mkdtemp(join(tmpdir(), "mamori-iac-"));
          const hide = (text: string) => text.replaceAll(`${dir}/files/`, "").replaceAll(dir, name);
          try {
            const archive = join(dir, "upload");
            const files = join(dir, "files");
            await writeFile(archive, body);
            await mkdir(files);
            await job.log(`received ${body.length} bytes as ${name}`);
            let extracted: Awaited<ReturnType<typeof extractArchive>>;
            try {
              extracted = await extractArchive(archive, files, name);
            } catch (error) {
              if (error instanceof ArchiveError) await job.log(`refused: ${error.message}`);
              throw error;
            }
            await rm(archive);
            await job.log(`unpacked ${extracted.format}: ${extracted.files} files, ${extracted.bytes} bytes`);
            for (const line of extracted.skipped.slice(0, 20)) await job.log(`skipped: ${line}`);
            const result = await scanIacFolder(ctx.store, files, {
              scope: `iac-upload:${name}`,
              target: name,
              tool: ctx.tool,
            }).catch(async (error: Error) => {
              await job.log(`failed: ${hide(error.message)}`);
              throw new Error(hide(error.message));
            });
            for (const note of result.notes.slice(0, 50)) await job.log(`note: ${hide(note)}`);
            for (const error of result.errors.slice(0, 50)) await job.log(`error: ${hide(error)}`);
            await job.log(
              `scan ${result.scanId ?? "(not recorded)"} completed: ${result.files} IaC files, ${result.summary.resources} resources, ${result.summary.byStatus.fail} failing`,
            );
            return {
              scanId: result.scanId,
              summary: result.summary,
              files: result.files,
              errors: result.errors.length,
            };
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        });
        (request as { auditDetail?: unknown }).auditDetail = { jobId, name, bytes: body.length };
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

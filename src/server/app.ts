import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Server as HttpsServer } from "node:https";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { OutputRouter } from "../detect/outputs/index.js";
import { QueryError, type Store, StoreError } from "../store/index.js";
import type { CloudAccount } from "./accounts.js";
import { recordAudit } from "./audit.js";
import { authenticate, DEFAULT_FAILED_AUTH_LIMIT, type FailedAuthLimit, FailedAuthLimiter } from "./auth.js";
import type { DetectionEngine } from "./detection.js";
import { type JobRunner, JobRunner as Jobs } from "./jobs.js";
import { ServerMetrics } from "./metrics.js";
import type { Access } from "./roles.js";
import { ROUTE_MODULES, type ServerContext } from "./routes/index.js";
import { securityHeaders } from "./security.js";

export interface ServerOptions {
  store: Store;
  /** Fastify's logger: true for JSON lines on standard output, false to be silent, or a pino logger. */
  logger?: FastifyServerOptions["logger"] | FastifyBaseLogger;
  /** Largest request body in bytes; default 1 MiB (ingest and scan uploads have their own limits). */
  bodyLimit?: number;
  failedAuthLimit?: FailedAuthLimit;
  /** TLS key and certificate (PEM); HTTPS when set. */
  https?: { key: Buffer; cert: Buffer };
  /** Folder of the built dashboard; default dist/web of the package. */
  webRoot?: string;
  tool?: { name: string; version: string };
  detection?: DetectionEngine;
  /** Cloud accounts the scan API may scan (`mamori serve --accounts`). */
  accounts?: CloudAccount[];
  /** Outputs that ingested alerts are forwarded to; closed (drained) when the server closes. */
  outputs?: OutputRouter;
}

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
}

export type MamoriServer = FastifyInstance<Server | HttpsServer, IncomingMessage, ServerResponse> & {
  mamori: { routes: RouteInfo[]; jobs: JobRunner; metrics: ServerMetrics; context: ServerContext };
};

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Builds the server (not listening yet): routes, auth, validation, OpenAPI, metrics. */
export async function buildServer(options: ServerOptions): Promise<MamoriServer> {
  const { store } = options;
  const db = store.db;
  const serverOptions: FastifyServerOptions & { https?: { key: Buffer; cert: Buffer } } = {
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Reject unknown properties instead of silently dropping them; coerce query strings.
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: "array",
        useDefaults: true,
        allowUnionTypes: true,
      },
    },
    requestTimeout: 120_000,
    routerOptions: { maxParamLength: 2048 },
    return503OnClosing: true,
  };
  if (options.https) serverOptions.https = options.https;
  if (options.logger !== undefined && typeof options.logger === "object" && "child" in options.logger)
    serverOptions.loggerInstance = options.logger as FastifyBaseLogger;
  else serverOptions.logger = (options.logger as FastifyServerOptions["logger"]) ?? false;
  const app = Fastify(serverOptions) as unknown as MamoriServer;

  const routes: RouteInfo[] = [];
  app.addHook("onRoute", (route) => {
    const access = route.config?.access;
    if (access === undefined)
      throw new Error(`route ${route.method} ${route.url} does not declare who may call it`);
    for (const method of [route.method].flat()) {
      if (method === "HEAD") continue;
      routes.push({ method, url: route.url, access });
    }
  });

  const jobs = new Jobs(db, (kind, status, seconds) =>
    metrics.scanDuration.observe({ kind, status }, seconds),
  );
  const metrics = new ServerMetrics(
    db,
    () => jobs.depth,
    () => options.outputs?.stats() ?? [],
  );
  const limiter = new FailedAuthLimiter(options.failedAuthLimit ?? DEFAULT_FAILED_AUTH_LIMIT);
  const context: ServerContext = {
    store,
    db,
    jobs,
    metrics,
    tool: options.tool ?? { name: "Mamori", version: "dev" },
  };
  if (options.webRoot !== undefined) context.webRoot = options.webRoot;
  if (options.detection) context.detection = options.detection;
  if (options.accounts) context.accounts = options.accounts;
  if (options.outputs) {
    const outputs = options.outputs;
    context.outputs = outputs;
    app.addHook("onClose", async () => outputs.close());
  }
  app.decorate("mamori", { routes, jobs, metrics, context });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Mamori API",
        version: context.tool.version,
        description:
          "Posture, inventory, findings, compliance, scans, SQL and event ingest of a Mamori server. Every route but /healthz needs `Authorization: Bearer <token>`; the role each route allows is in its description.",
        license: { name: "Apache-2.0", identifier: "Apache-2.0" },
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    hideUntagged: false,
    transform: ({ schema, url, route }) => {
      const access = route.config?.access;
      const transformed = { ...(schema ?? {}) } as Record<string, unknown>;
      if (access === "public") transformed.security = [];
      else if (access) {
        const who = `Roles: ${access.join(", ")}.`;
        transformed.description = transformed.description ? `${transformed.description}\n\n${who}` : who;
      }
      if (route.config?.hideFromDocs) transformed.hide = true;
      return { schema: transformed as typeof schema, url };
    },
  });

  app.addHook("onRequest", authenticate(db, limiter));
  app.addHook("onRequest", async (request) => {
    (request as { startedAt?: number }).startedAt = performance.now();
  });
  app.addHook("onSend", securityHeaders(Boolean(options.https)));
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    const status = reply.statusCode;
    const startedAt = (request as { startedAt?: number }).startedAt;
    if (startedAt !== undefined)
      metrics.httpDuration.observe(
        { method: request.method, route, status: String(status) },
        (performance.now() - startedAt) / 1000,
      );
    if (status === 401) metrics.authFailures.inc({ reason: "unauthenticated" });
    else if (status === 403) metrics.authFailures.inc({ reason: "forbidden" });
    else if (status === 429) metrics.authFailures.inc({ reason: "rate_limited" });
  });
  // Every write by an authenticated caller, including those the role refused. Written in onSend,
  // before the response leaves, so a client that saw its write succeed always finds it audited.
  app.addHook("onSend", async (request, reply, payload) => {
    if (!WRITES.has(request.method) || !request.principal || request.is404) return payload;
    const route = request.routeOptions.url ?? "unmatched";
    const params = request.params as Record<string, string> | undefined;
    const entry: Parameters<typeof recordAudit>[1] = {
      tokenId: request.principal.tokenId,
      actor: request.principal.name,
      role: request.principal.role,
      action: `${request.method} ${route}`,
      status: reply.statusCode,
      ip: request.ip,
    };
    if (params && Object.keys(params).length > 0) entry.target = JSON.stringify(params);
    const detail = (request as { auditDetail?: unknown }).auditDetail;
    if (detail !== undefined) entry.detail = detail;
    try {
      await recordAudit(db, entry);
    } catch (error) {
      request.log.error({ err: error }, "audit log write failed");
    }
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    const err = error as {
      validation?: unknown;
      validationContext?: string;
      statusCode?: number;
      message: string;
      code?: string;
    };
    if (err.validation)
      return reply.code(400).send({ error: `invalid ${err.validationContext ?? "request"}: ${err.message}` });
    if (error instanceof StoreError || error instanceof QueryError)
      return reply.code(400).send({ error: err.message });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return reply.code(err.statusCode).send({ error: err.message });
    request.log.error({ err: error }, "request failed");
    return reply.code(500).send({ error: "internal error; see the server log" });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `no route ${request.method} ${request.url.split("?")[0]}` }),
  );

  for (const module of ROUTE_MODULES) {
    if (module.available && !(await module.available(context))) continue;
    await app.register(async (scope) => module.register(scope, context));
  }
  return app;
}

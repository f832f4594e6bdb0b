import {
  listAlerts,
  type NewAlert,
  normalizePriority,
  outputAlert,
  PRIORITIES,
  storeAlerts,
} from "../alerts.js";
import {
  cloudTrailRecords,
  falcoAlerts,
  genericEvents,
  IngestError,
  k8sAuditEvents,
} from "../ingest/parse.js";
import { INGEST, READ } from "../roles.js";
import { page, pageQuery, shortText } from "./common.js";
import type { RouteModule, ServerContext } from "./index.js";

/** Webhook batches are larger than API calls: an EventList of a busy API server. */
export const MAX_INGEST_BODY = 16 * 1024 * 1024;

const ingestResponse = {
  type: "object",
  properties: {
    received: { type: "integer" },
    evaluated: { type: "boolean" },
    alerts: { type: "integer" },
  },
} as const;

/**
 * Stores alerts and hands the new ones to the outputs (a redelivered alert
 * was forwarded the first time). Publishing only queues: a slow SIEM never
 * holds up the sensor's request.
 */
async function storeAndForward(ctx: ServerContext, alerts: NewAlert[]): Promise<number> {
  const stored = await storeAlerts(ctx.db, alerts);
  for (const a of stored) {
    ctx.metrics.alertsRaised.inc({ source: a.source, priority: a.priority });
    ctx.outputs?.publish(outputAlert(a));
  }
  return stored.length;
}

/** Runs events through the detection engine when there is one; counts what happened. */
async function evaluate(ctx: ServerContext, source: string, events: Record<string, unknown>[]) {
  const m = ctx.metrics;
  m.eventsIngested.inc({ source }, events.length);
  if (!ctx.detection) {
    m.eventsDropped.inc({ source, reason: "no_detection_engine" }, events.length);
    return { received: events.length, evaluated: false, alerts: 0 };
  }
  const alerts: NewAlert[] = [];
  for (const event of events) {
    const raised = await ctx.detection.process(event, source);
    if (raised.length > 0) m.eventsMatched.inc({ source });
    for (const a of raised) {
      const alert: NewAlert = {
        time: a.time,
        rule: a.rule,
        priority: normalizePriority(a.priority) ?? "WARNING",
        source: a.source,
        output: a.output,
        tags: a.tags,
        fields: a.fields,
        origin: "engine",
      };
      if (a.eventId !== undefined) alert.eventId = a.eventId;
      alerts.push(alert);
    }
  }
  return { received: events.length, evaluated: true, alerts: await storeAndForward(ctx, alerts) };
}

export const ingestRoutes: RouteModule = {
  name: "ingest",
  register(app, ctx) {
    const options = (summary: string, description: string) => ({
      config: { access: INGEST },
      bodyLimit: MAX_INGEST_BODY,
      schema: {
        summary,
        description,
        tags: ["ingest"],
        body: { type: ["object", "array"] },
        response: { 200: ingestResponse },
      },
    });
    const refuse = (source: string, error: unknown) => {
      if (error instanceof IngestError) ctx.metrics.eventsDropped.inc({ source, reason: "invalid" });
      throw error;
    };

    app.post(
      "/api/v1/ingest/k8s-audit",
      options(
        "Kubernetes audit webhook backend",
        "Point the API server's `--audit-webhook-config-file` at this URL with an ingest token. Takes an `audit.k8s.io/v1` EventList; each event is evaluated by the detection engine (source `k8s_audit`).",
      ),
      async (request) => {
        let events: Record<string, unknown>[] = [];
        try {
          events = k8sAuditEvents(request.body);
        } catch (error) {
          refuse("k8s_audit", error);
        }
        return evaluate(ctx, "k8s_audit", events);
      },
    );

    app.post(
      "/api/v1/ingest/falco",
      options(
        "Falco HTTP output (Falcosidekick-compatible)",
        "Set Falco's `http_output.url` (or Falcosidekick's webhook) to this URL. The alerts are stored as they are.",
      ),
      async (request) => {
        let alerts: NewAlert[] = [];
        try {
          alerts = falcoAlerts(request.body);
        } catch (error) {
          refuse("falco", error);
        }
        ctx.metrics.eventsIngested.inc({ source: "falco" }, alerts.length);
        return { received: alerts.length, evaluated: false, alerts: await storeAndForward(ctx, alerts) };
      },
    );

    app.post<{ Querystring: { source: string } }>(
      "/api/v1/ingest/events",
      {
        ...options(
          "Generic JSON events of a named Falco source",
          'One object, a list, or `{"events": [...]}`; `source` names the field table the rules use (`aws_cloudtrail`, `k8s_audit`, …).',
        ),
        schema: {
          ...options("", "").schema,
          summary: "Generic JSON events of a named Falco source",
          description:
            'One object, a list, or `{"events": [...]}`; `source` names the field table the rules use (`aws_cloudtrail`, `k8s_audit`, …).',
          querystring: {
            type: "object",
            additionalProperties: false,
            required: ["source"],
            properties: { source: { type: "string", pattern: "^[a-z0-9_]{1,64}$" } },
          },
        },
      },
      async (request) => {
        const source = request.query.source;
        let events: Record<string, unknown>[] = [];
        try {
          events = genericEvents(request.body);
        } catch (error) {
          refuse(source, error);
        }
        return evaluate(ctx, source, events);
      },
    );

    // A CloudTrail file arrives as bytes (often gzip), so its route has its own body parser.
    app.register(async (raw) => {
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser(
        "*",
        { parseAs: "buffer", bodyLimit: MAX_INGEST_BODY },
        (_request, body, done) => done(null, body),
      );
      raw.post(
        "/api/v1/ingest/cloudtrail",
        {
          config: { access: INGEST },
          bodyLimit: MAX_INGEST_BODY,
          schema: {
            summary: "CloudTrail log file upload",
            description:
              'A CloudTrail log file as delivered to S3 (`{"Records": [...]}`), plain or gzip-compressed (`Content-Encoding: gzip`, or the `.json.gz` object as it is), at most 16 MiB as sent and 256 MiB uncompressed. Each record is evaluated by the detection engine (source `aws_cloudtrail`).',
            tags: ["ingest"],
            response: { 200: ingestResponse },
          },
        },
        async (request) => {
          const body = request.body;
          let events: Record<string, unknown>[] = [];
          try {
            if (!Buffer.isBuffer(body) || body.length === 0) throw new IngestError("body: empty");
            const encoding = request.headers["content-encoding"];
            events = cloudTrailRecords(body, Array.isArray(encoding) ? encoding.join(",") : encoding);
          } catch (error) {
            refuse("aws_cloudtrail", error);
          }
          return evaluate(ctx, "aws_cloudtrail", events);
        },
      );
    });

    app.get<{
      Querystring: {
        priority?: string[];
        source?: string;
        rule?: string;
        q?: string;
        since?: string;
        limit: number;
        offset: number;
      };
    }>(
      "/api/v1/alerts",
      {
        config: { access: READ },
        schema: {
          summary: "Alerts, newest first (timeline)",
          tags: ["alerts"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              priority: { type: "array", items: { type: "string", enum: PRIORITIES }, maxItems: 8 },
              source: shortText,
              rule: shortText,
              q: shortText,
              since: { type: "string", format: "date-time" },
              ...pageQuery,
            },
          },
        },
      },
      async (request) => {
        const { items, total } = await listAlerts(ctx.db, request.query);
        return page(items, total, request.query.limit, request.query.offset);
      },
    );
  },
};

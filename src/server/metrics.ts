import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { OutputRouter } from "../detect/outputs/index.js";
import type { Queryable } from "../store/db.js";

/** What the metrics read of the outputs at scrape time: each output's own delivery counters. */
export type OutputStats = () => ReturnType<OutputRouter["stats"]>;

/**
 * Prometheus metrics. Counters and histograms are updated as things happen;
 * the store-derived gauges (findings, compliance scores) are read from the
 * store at scrape time, so they are right on every replica with PostgreSQL.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly eventsIngested: Counter<"source">;
  readonly eventsMatched: Counter<"source">;
  readonly eventsDropped: Counter<"source" | "reason">;
  readonly eventsForwarded: Counter<"output">;
  readonly alertsRaised: Counter<"source" | "priority">;
  readonly scanDuration: Histogram<"kind" | "status">;
  readonly httpDuration: Histogram<"method" | "route" | "status">;
  readonly authFailures: Counter<"reason">;

  constructor(db: Queryable, queueDepth: () => number, outputStats: OutputStats = () => []) {
    collectDefaultMetrics({ register: this.registry, prefix: "mamori_" });
    const registers = [this.registry];
    this.eventsIngested = new Counter({
      name: "mamori_events_ingested_total",
      help: "Events received by the ingest endpoints",
      labelNames: ["source"],
      registers,
    });
    this.eventsMatched = new Counter({
      name: "mamori_events_matched_total",
      help: "Ingested events that matched a detection rule",
      labelNames: ["source"],
      registers,
    });
    this.eventsDropped = new Counter({
      name: "mamori_events_dropped_total",
      help: "Ingested events refused or not evaluated",
      labelNames: ["source", "reason"],
      registers,
    });
    // The outputs count their own deliveries (after retries); the counter mirrors them when scraped.
    this.eventsForwarded = new Counter({
      name: "mamori_events_forwarded_total",
      help: "Alerts delivered to an output",
      labelNames: ["output"],
      registers,
      collect() {
        this.reset();
        for (const output of outputStats()) this.inc({ output: output.name }, output.counters.sent);
      },
    });
    new Counter({
      name: "mamori_output_failures_total",
      help: "Alerts an output did not deliver: failed after retries, or dropped because its queue was full",
      labelNames: ["output", "reason"],
      registers,
      collect() {
        this.reset();
        for (const output of outputStats()) {
          this.inc({ output: output.name, reason: "failed" }, output.counters.failed);
          this.inc({ output: output.name, reason: "queue_full" }, output.counters.dropped);
        }
      },
    });
    this.alertsRaised = new Counter({
      name: "mamori_alerts_raised_total",
      help: "Alerts stored, by source and priority",
      labelNames: ["source", "priority"],
      registers,
    });
    this.scanDuration = new Histogram({
      name: "mamori_scan_duration_seconds",
      help: "Duration of background jobs (scans) run by the server",
      labelNames: ["kind", "status"],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers,
    });
    this.httpDuration = new Histogram({
      name: "mamori_http_request_duration_seconds",
      help: "API request duration by route",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.authFailures = new Counter({
      name: "mamori_auth_failures_total",
      help: "Requests refused by authentication or authorization",
      labelNames: ["reason"],
      registers,
    });
    new Gauge({
      name: "mamori_job_queue_depth",
      help: "Background jobs waiting to run",
      registers,
      collect() {
        this.set(queueDepth());
      },
    });
    new Gauge({
      name: "mamori_findings",
      help: "Findings by severity and state (current and historical)",
      labelNames: ["severity", "state"],
      registers,
      async collect() {
        this.reset();
        const rows = await db.query<{ severity: string; state: string; n: number }>(
          "select severity, state, count(*)::integer as n from finding_state group by severity, state",
        );
        for (const row of rows) this.set({ severity: row.severity, state: row.state }, row.n);
      },
    });
    new Gauge({
      name: "mamori_compliance_score",
      help: "Share of decided automated controls that pass, 0-100, per framework",
      labelNames: ["framework"],
      registers,
      async collect() {
        this.reset();
        const rows = await db.query<{ framework_id: string; pass: number; decided: number }>(
          `select framework_id, count(*) filter (where status = 'pass')::integer as pass,
             count(*) filter (where status in ('pass', 'fail', 'error'))::integer as decided
           from controls group by framework_id`,
        );
        for (const row of rows) {
          if (row.decided > 0) this.set({ framework: row.framework_id }, (100 * row.pass) / row.decided);
        }
      },
    });
  }
}

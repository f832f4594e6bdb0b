import { createHash } from "node:crypto";
import type { Alert } from "./types.js";

export interface PipelineOptions {
  /** Identical alerts (same rule and fields) within this many seconds of event time are suppressed. */
  dedupWindowSeconds?: number;
  /** At most this many alerts per rule per rate window; 0 = no limit. */
  ratePerRule?: number;
  rateWindowSeconds?: number;
  /** Alerts of one actor on one resource within this gap join the same incident. */
  incidentWindowSeconds?: number;
}

export interface Incident {
  id: string;
  actor: string;
  resources: string[];
  first: string;
  last: string;
  rules: string[];
  alerts: number;
  /** Highest priority seen (lowest rank). */
  priority: Alert["priority"];
}

export interface AlertContext {
  timeMs: number;
  actor?: string;
  resource?: string;
}

const MAX_CLOSED = 1_000;
const MAX_RESOURCES = 20;

const PRIORITY_ORDER = [
  "EMERGENCY",
  "ALERT",
  "CRITICAL",
  "ERROR",
  "WARNING",
  "NOTICE",
  "INFORMATIONAL",
  "DEBUG",
];

/**
 * Dedup, per-rule rate limit and incident grouping. All windows run on event time, never the
 * wall clock, so replaying the same logs gives the same result. State is bounded: entries older
 * than the window are evicted as time moves on.
 */
export class AlertPipeline {
  readonly counters = { in: 0, out: 0, deduplicated: 0, rateLimited: 0 };
  private readonly seen = new Map<string, number>();
  private readonly rate = new Map<string, { start: number; count: number }>();
  private readonly open = new Map<string, Incident & { lastMs: number }>();
  private readonly closed: Incident[] = [];
  private lastSweep = 0;
  private closedCount = 0;
  private readonly dedupMs: number;
  private readonly rateMs: number;
  private readonly incidentMs: number;

  constructor(private readonly options: PipelineOptions = {}) {
    this.dedupMs = (options.dedupWindowSeconds ?? 60) * 1000;
    this.rateMs = (options.rateWindowSeconds ?? 60) * 1000;
    this.incidentMs = (options.incidentWindowSeconds ?? 900) * 1000;
  }

  /** The alert, or undefined when suppressed; assigns an incident id. */
  accept(alert: Alert, ctx: AlertContext): Alert | undefined {
    this.counters.in++;
    this.sweep(ctx.timeMs);
    if (this.dedupMs > 0) {
      const key = `${alert.rule}\u0000${JSON.stringify(alert.fields)}`;
      const last = this.seen.get(key);
      if (last !== undefined && ctx.timeMs - last < this.dedupMs && ctx.timeMs >= last) {
        this.counters.deduplicated++;
        return undefined;
      }
      this.seen.set(key, ctx.timeMs);
    }
    const limit = this.options.ratePerRule ?? 0;
    if (limit > 0) {
      const bucket = this.rate.get(alert.rule);
      if (!bucket || ctx.timeMs - bucket.start >= this.rateMs)
        this.rate.set(alert.rule, { start: ctx.timeMs, count: 1 });
      else if (bucket.count >= limit) {
        this.counters.rateLimited++;
        return undefined;
      } else bucket.count++;
    }
    this.counters.out++;
    return { ...alert, incident: this.group(alert, ctx) };
  }

  private group(alert: Alert, ctx: AlertContext): string {
    const actor = ctx.actor ?? "unknown";
    const current = this.open.get(actor);
    if (current && ctx.timeMs - current.lastMs <= this.incidentMs) {
      current.lastMs = Math.max(current.lastMs, ctx.timeMs);
      current.last = new Date(current.lastMs).toISOString();
      current.alerts++;
      if (
        ctx.resource &&
        !current.resources.includes(ctx.resource) &&
        current.resources.length < MAX_RESOURCES
      )
        current.resources.push(ctx.resource);
      if (!current.rules.includes(alert.rule)) current.rules.push(alert.rule);
      if (PRIORITY_ORDER.indexOf(alert.priority) < PRIORITY_ORDER.indexOf(current.priority))
        current.priority = alert.priority;
      return current.id;
    }
    if (current) this.close(actor);
    const first = new Date(ctx.timeMs).toISOString();
    const id = `inc-${createHash("sha256").update(`${actor}\u0000${first}`).digest("hex").slice(0, 16)}`;
    this.open.set(actor, {
      id,
      actor,
      resources: ctx.resource ? [ctx.resource] : [],
      first,
      last: first,
      rules: [alert.rule],
      alerts: 1,
      priority: alert.priority,
      lastMs: ctx.timeMs,
    });
    return id;
  }

  private close(actor: string): void {
    const incident = this.open.get(actor);
    if (!incident) return;
    this.open.delete(actor);
    const { lastMs: _drop, ...rest } = incident;
    this.closed.push(rest);
    this.closedCount++;
    // Keep the most recent closed incidents only: memory must stay flat over an endless stream.
    if (this.closed.length > MAX_CLOSED) this.closed.splice(0, this.closed.length - MAX_CLOSED);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, t] of this.seen) if (now - t >= this.dedupMs) this.seen.delete(key);
    for (const [actor, incident] of this.open) if (now - incident.lastMs > this.incidentMs) this.close(actor);
  }

  /** Incidents opened so far (closed ones beyond the most recent 1,000 are no longer listed). */
  get incidentCount(): number {
    return this.closedCount + this.open.size;
  }

  /** Recent closed and all open incidents, oldest first. */
  incidents(): Incident[] {
    const open = [...this.open.values()].map(({ lastMs: _drop, ...rest }) => rest);
    return [...this.closed, ...open].sort(
      (a, b) => a.first.localeCompare(b.first) || a.id.localeCompare(b.id),
    );
  }
}

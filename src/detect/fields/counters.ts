import type { DetectEvent } from "../types.js";
import { type FieldDef, field, type SourceFields } from "./common.js";

const MAX_KEYS = 50_000;
const MAX_WINDOW_MS = 3_600_000;

/**
 * Per-key sliding windows of event times, in event time. Bounded in keys (oldest key evicted)
 * and in age (nothing older than an hour is kept), so memory is flat in the stream length.
 */
export class SlidingCounter {
  private readonly times = new Map<string, number[]>();

  add(key: string, t: number): void {
    let list = this.times.get(key);
    if (!list) {
      if (this.times.size >= MAX_KEYS) {
        const oldest = this.times.keys().next().value;
        if (oldest !== undefined) this.times.delete(oldest);
      }
      list = [];
      this.times.set(key, list);
    }
    list.push(t);
    let drop = 0;
    while (drop < list.length && (list[drop] ?? 0) < t - MAX_WINDOW_MS) drop++;
    if (drop > 0) list.splice(0, drop);
    if (list.length > 10_000) list.splice(0, list.length - 10_000);
  }

  count(key: string, now: number, seconds: number): number {
    const list = this.times.get(key);
    if (!list) return 0;
    const from = now - seconds * 1000;
    let n = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      const t = list[i] ?? 0;
      if (t <= from) break;
      if (t <= now) n++;
    }
    return n;
  }
}

/**
 * Mamori's stateful `mamori.*` fields, added to a source table: how many events of the same
 * type (index field) the same actor made, and how many failed, in the last N seconds of event
 * time. Falco has no such fields; they let rules catch bursts (secrets read in a loop,
 * AccessDenied storms).
 */
export function withCounters(table: SourceFields, isError: (e: DetectEvent) => boolean): SourceFields {
  /** Event types worth counting (the index values of rules that read eventcount); null = all. */
  let countTypes: Set<string> | null = new Set();
  let countErrors = false;
  const events = new SlidingCounter();
  const errors = new SlidingCounter();
  const indexDef = table.indexField ? table.fields.get(table.indexField) : undefined;
  const actor = (e: DetectEvent) => table.actor?.(e) ?? "";
  const typeOf = (e: DetectEvent) => String(indexDef?.extract(e, undefined) ?? "");
  const typeKey = (e: DetectEvent) => `${actor(e)}\u0000${typeOf(e)}`;
  const windowField = (name: string, desc: string, count: (e: DetectEvent, s: number) => number): FieldDef =>
    field(
      name,
      "uint64",
      desc,
      (e, arg) => {
        const seconds = Number(arg);
        return Number.isFinite(seconds) && seconds > 0 && seconds <= 3600 ? count(e, seconds) : undefined;
      },
      "required",
    );
  const fields = new Map(table.fields);
  for (const f of [
    windowField(
      "mamori.actor.eventcount",
      "events of this type by this actor in the last N seconds (N ≤ 3600), this one included",
      (e, s) => events.count(typeKey(e), e.timeMs, s),
    ),
    windowField(
      "mamori.actor.errorcount",
      "failed events by this actor in the last N seconds (N ≤ 3600), this one included",
      (e, s) => errors.count(actor(e), e.timeMs, s),
    ),
  ])
    fields.set(f.name, f);
  const previous = table.observe;
  return {
    ...table,
    fields,
    observe: (e) => {
      previous?.(e);
      if (countTypes === null || (countTypes.size > 0 && countTypes.has(typeOf(e))))
        events.add(typeKey(e), e.timeMs);
      if (countErrors && isError(e)) errors.add(actor(e), e.timeMs);
    },
    noteFieldRead: (name, index) => {
      // Counting costs time per event, so only what compiled rules read is counted.
      if (name === "mamori.actor.errorcount") countErrors = true;
      if (name !== "mamori.actor.eventcount" || countTypes === null) return;
      if (index === null) countTypes = null;
      else for (const v of index) countTypes.add(v);
    },
  };
}

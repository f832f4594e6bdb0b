import type { DetectEvent, FieldType, FieldValue } from "../types.js";

/** How a field takes an argument in brackets: `json.value[/a/b]`, `ka.uri.param[key]`, `ka.req.pod.containers.image[0]`. */
export type ArgKind = "none" | "required" | "index" | "key-optional";

export interface FieldDef {
  name: string;
  type: FieldType;
  arg: ArgKind;
  desc: string;
  extract(event: DetectEvent, arg: string | undefined): FieldValue;
}

/** One source's fields, plus the table names a rule may use with it. */
export interface SourceFields {
  source: string;
  fields: Map<string, FieldDef>;
  /** Prefixes accepted for fields not listed (Falco's own output carries any field). */
  dynamicPrefixes?: string[];
  /** Field whose value names the event type, for the rule index. */
  indexField?: string;
  /** The event's own id, for alerts. */
  eventId?(event: DetectEvent): string | undefined;
  /** Actor and resource, for incidents. */
  actor?(event: DetectEvent): string | undefined;
  resource?(event: DetectEvent): string | undefined;
  /** Called once per event before rules run, for stateful fields (okta.mfa.*.countlast). */
  observe?(event: DetectEvent): void;
  /** Told which fields compiled rules read, with the rule's index values (null = any event). */
  noteFieldRead?(name: string, index: Set<string> | null): void;
}

export function field(
  name: string,
  type: FieldType,
  desc: string,
  extract: (event: DetectEvent, arg: string | undefined) => FieldValue,
  arg: ArgKind = "none",
): FieldDef {
  return { name, type, arg, desc, extract };
}

export function table(defs: FieldDef[]): Map<string, FieldDef> {
  return new Map(defs.map((d) => [d.name, d]));
}

/** Walks a dotted path of object keys; undefined when any step is missing. */
export function get(root: unknown, ...path: string[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Scalars as Falco prints them; objects and arrays as compact JSON; null/missing as not extractable. */
export function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return JSON.stringify(value);
}

/** A reader of a fixed path, without the per-call array of `get(root, ...path)` (hot path). */
export function getter(path: string[]): (root: unknown) => unknown {
  const keys = [...path];
  return (root) => {
    let node = root;
    for (let i = 0; i < keys.length; i++) {
      if (node === null || typeof node !== "object") return undefined;
      node = (node as Record<string, unknown>)[keys[i] as string];
    }
    return node;
  };
}

/** A string field read at a path. */
export function pathField(name: string, desc: string, ...path: string[]): FieldDef {
  const read = getter(path);
  return field(name, "string", desc, (e) => text(read(e.raw)));
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A list field; with an index argument it yields the one element (Falco's `Index` arg). */
export function listField(
  name: string,
  desc: string,
  values: (event: DetectEvent) => string[] | undefined,
): FieldDef {
  return field(
    name,
    "list",
    desc,
    (e, arg) => {
      const all = values(e);
      if (all === undefined) return undefined;
      if (arg === undefined) return all;
      const index = Number(arg);
      return Number.isInteger(index) && index >= 0 ? all[index] : undefined;
    },
    "index",
  );
}

/** RFC 6901 JSON pointer. */
export function jsonPointer(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  if (!pointer.startsWith("/")) return undefined;
  let node = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(key)) return undefined;
      node = node[Number(key)];
    } else if (node !== null && typeof node === "object") {
      if (!Object.hasOwn(node, key)) return undefined;
      node = (node as Record<string, unknown>)[key];
    } else return undefined;
  }
  return node;
}

const NS_PER_MS = 1_000_000;

/** evt.* fields every source has (a subset of Falco's evt class that makes sense for plugin events). */
export function evtFields(pluginName: string): FieldDef[] {
  const nanos = (e: DetectEvent) => e.timeMs * NS_PER_MS + (e.subMsNs ?? 0);
  return [
    field("evt.num", "uint64", "event number in the stream, from 1", (e) => e.num),
    field("evt.time", "uint64", "event time, nanoseconds since the epoch", (e) =>
      e.timeMs ? nanos(e) : undefined,
    ),
    field("evt.rawtime", "uint64", "event time, nanoseconds since the epoch", (e) =>
      e.timeMs ? nanos(e) : undefined,
    ),
    field("evt.time.s", "string", "event time as HH:MM:SS", (e) =>
      e.timeMs ? new Date(e.timeMs).toISOString().slice(11, 19) : undefined,
    ),
    field("evt.time.iso8601", "string", "event time in ISO 8601", (e) =>
      e.timeMs ? new Date(e.timeMs).toISOString() : undefined,
    ),
    field("evt.datetime", "string", "event date and time, YYYY-MM-DD HH:MM:SS", (e) =>
      e.timeMs ? new Date(e.timeMs).toISOString().slice(0, 19).replace("T", " ") : undefined,
    ),
    field("evt.source", "string", "event source name", (e) => e.source),
    field("evt.pluginname", "string", "plugin that would have produced the event", () => pluginName),
    field("evt.plugininfo", "string", "one-line summary of the event", (e) => summary(e)),
    field("evt.type", "string", "event type", () => "pluginevent"),
  ];
}

function summary(e: DetectEvent): string {
  const raw = e.raw;
  const name =
    raw.eventName ?? raw.verb ?? get(raw, "protoPayload", "methodName") ?? raw.eventType ?? raw.operationName;
  return `${e.source} ${text(name) ?? ""}`.trim();
}

/** The json plugin's fields, valid on every plugin source (and jevt.* aliases for k8s_audit). */
export function jsonFields(prefix: "json" | "jevt"): FieldDef[] {
  return [
    field(
      `${prefix}.value`,
      "string",
      "value at a JSON pointer (RFC 6901); objects as JSON text",
      (e, arg) => text(jsonPointer(e.raw, arg ?? "")),
      "required",
    ),
    field(`${prefix}.obj`, "string", "the whole event as JSON text", (e) => JSON.stringify(e.raw)),
    field(`${prefix}.rawtime`, "uint64", "event time, nanoseconds since the epoch", (e) =>
      e.timeMs ? e.timeMs * NS_PER_MS + (e.subMsNs ?? 0) : undefined,
    ),
    ...(prefix === "jevt"
      ? [
          field("jevt.time", "string", "event time as HH:MM:SS.nnnnnnnnn", (e) =>
            e.timeMs ? new Date(e.timeMs).toISOString().slice(11, 23) : undefined,
          ),
          field("jevt.time.iso8601", "string", "event time in ISO 8601", (e) =>
            e.timeMs ? new Date(e.timeMs).toISOString() : undefined,
          ),
        ]
      : []),
  ];
}

/** Parses an ISO 8601 time into epoch ms plus the sub-millisecond nanoseconds. */
export function parseTime(value: unknown): { ms: number; ns: number } {
  if (typeof value === "number") return { ms: value > 1e14 ? Math.floor(value / 1e6) : value, ns: 0 };
  if (typeof value !== "string") return { ms: 0, ns: 0 };
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return { ms: 0, ns: 0 };
  const dot = value.indexOf(".", 17);
  if (dot < 0) return { ms, ns: 0 };
  let end = dot + 1;
  while (end < value.length && value.charCodeAt(end) >= 48 && value.charCodeAt(end) <= 57) end++;
  const frac = value.slice(dot + 1, end);
  const ns = frac.length > 3 ? Number(frac.slice(3, 9).padEnd(6, "0")) : 0;
  return { ms, ns };
}

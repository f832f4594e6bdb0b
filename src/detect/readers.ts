import { createReadStream, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { type Readable, Transform, type TransformCallback } from "node:stream";
import { createGunzip, gunzipSync } from "node:zlib";
import { get, parseTime, text } from "./fields/common.js";
import type { DetectEvent } from "./types.js";

/** Largest single JSON line or CloudTrail file accepted (after decompression). */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** Largest decompressed size of one gzip file: stops decompression bombs. */
export const MAX_DECOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024;

/** Files up to this size (compressed) are read whole: one CloudTrail delivery file is ~1 MB. */
export const WHOLE_FILE_BYTES = 16 * 1024 * 1024;

export class ReadError extends Error {}

/** A problem with one record: the stream goes on, the caller counts it as dropped. */
export interface RecordError {
  error: string;
}

export type ReadItem = DetectEvent | RecordError;

/** Which source a JSON object is from, by its shape; undefined when unknown. */
export function detectSource(obj: Record<string, unknown>): string | undefined {
  if (Array.isArray(obj.Records)) return "aws_cloudtrail";
  if (typeof obj.eventSource === "string" && typeof obj.eventName === "string") return "aws_cloudtrail";
  const api = text(obj.apiVersion);
  if (api?.startsWith("audit.k8s.io/") || (obj.kind === "Event" && obj.auditID !== undefined))
    return "k8s_audit";
  const proto = obj.protoPayload as Record<string, unknown> | undefined;
  if (
    proto &&
    typeof proto === "object" &&
    (proto.methodName !== undefined || proto.serviceName !== undefined)
  )
    return "gcp_auditlog";
  if (
    typeof obj.eventType === "string" &&
    obj.actor !== undefined &&
    (obj.uuid !== undefined || obj.published !== undefined)
  )
    return "okta";
  if (typeof obj.rule === "string" && typeof obj.priority === "string" && obj.output !== undefined)
    return "syscall";
  if ((obj.event !== undefined || obj["x-github-event"] !== undefined) && obj.payload !== undefined)
    return "github";
  if (
    obj.operationName !== undefined &&
    (obj.resourceId !== undefined || obj.ResourceId !== undefined || obj.category !== undefined)
  )
    return "azure_activity";
  return undefined;
}

/** Event time per source, in epoch ms with sub-ms nanoseconds. */
function eventTime(source: string, raw: Record<string, unknown>): { ms: number; ns: number } {
  switch (source) {
    case "aws_cloudtrail":
      return parseTime(raw.eventTime);
    case "k8s_audit":
      return parseTime(raw.stageTimestamp ?? raw.requestReceivedTimestamp);
    case "gcp_auditlog":
      return parseTime(raw.timestamp ?? raw.receiveTimestamp);
    case "okta":
      return parseTime(raw.published);
    case "github":
      return parseTime(raw.time ?? get(raw, "payload", "repository", "updated_at"));
    case "azure_activity":
      return parseTime(raw.time ?? raw.eventTimestamp ?? raw.TimeGenerated);
    default:
      return parseTime(raw.time);
  }
}

export class EventFactory {
  private num = 0;
  make(source: string, raw: Record<string, unknown>, origin?: string): DetectEvent {
    const t = eventTime(source, raw);
    return { source, raw, num: ++this.num, timeMs: t.ms, subMsNs: t.ns, origin };
  }
  get count(): number {
    return this.num;
  }
}

/** Expands one parsed object into events: CloudTrail `Records`, k8s `EventList` items, or itself. */
export function* expand(
  obj: unknown,
  forced: string | undefined,
  factory: EventFactory,
  origin: string,
): Generator<ReadItem> {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
    yield { error: `${origin}: not a JSON object` };
    return;
  }
  const record = obj as Record<string, unknown>;
  if (Array.isArray(record.Records)) {
    for (const r of record.Records)
      if (r && typeof r === "object")
        yield factory.make(forced ?? "aws_cloudtrail", r as Record<string, unknown>, origin);
      else yield { error: `${origin}: a CloudTrail record is not an object` };
    return;
  }
  if (record.kind === "EventList" && Array.isArray(record.items)) {
    for (const r of record.items)
      if (r && typeof r === "object")
        yield factory.make(forced ?? "k8s_audit", r as Record<string, unknown>, origin);
    return;
  }
  const source = forced ?? detectSource(record);
  if (!source) {
    yield { error: `${origin}: cannot tell the source of this event (use --source)` };
    return;
  }
  if (source === "syscall" && typeof record.source === "string" && record.source !== "syscall") {
    // Falco alerts of plugin rules still go to the Falco-output table.
    yield factory.make("syscall", record, origin);
    return;
  }
  yield factory.make(source, record, origin);
}

/** Every regular file under a path (a CloudTrail S3 tree), sorted for a stable order. */
export function inputFiles(path: string): string[] {
  const stat = statSync(path);
  if (!stat.isDirectory()) return [path];
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 16) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name.startsWith(".")) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (entry.isFile() && /\.(json|jsonl|ndjson|log|gz)$/i.test(entry.name)) out.push(full);
    }
  };
  walk(path, 0);
  return out;
}

class ByteLimit extends Transform {
  private seen = 0;
  constructor(
    private readonly limit: number,
    private readonly origin: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit)
      done(new ReadError(`${this.origin}: decompressed size exceeds ${this.limit} bytes`));
    else done(null, chunk);
  }
}

function openText(path: string): Readable {
  const raw = createReadStream(path);
  if (!/\.gz$/i.test(path)) return raw;
  const gunzip = createGunzip();
  const limit = new ByteLimit(MAX_DECOMPRESSED_BYTES, path);
  raw.on("error", (e) => limit.destroy(e));
  gunzip.on("error", (e) => limit.destroy(new ReadError(`${path}: ${e.message}`)));
  return raw.pipe(gunzip).pipe(limit);
}

/**
 * Streams events from a file: JSON lines (one event, or one CloudTrail `{"Records":…}` object,
 * per line) or a single JSON document spanning lines (a CloudTrail delivery file). Memory stays
 * flat in the number of lines; one document is held at a time.
 */
export async function* readEventFile(
  path: string,
  forced: string | undefined,
  factory: EventFactory,
  wholeFileBytes = WHOLE_FILE_BYTES,
): AsyncGenerator<ReadItem> {
  if (statSync(path).size <= wholeFileBytes) {
    yield* readSmallFile(path, forced, factory);
    return;
  }
  const lines = createInterface({ input: openText(path), crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  let pending: string[] | undefined;
  let pendingBytes = 0;
  let pendingStart = 0;
  let seenRecord = false;
  try {
    for await (const line of lines) {
      lineNo++;
      if (pending) {
        pending.push(line);
        pendingBytes += line.length;
        if (pendingBytes > MAX_RECORD_BYTES)
          throw new ReadError(`${path}:${pendingStart}: JSON document larger than ${MAX_RECORD_BYTES} bytes`);
        continue;
      }
      const trimmed = line.trim();
      if (trimmed === "") continue;
      if (line.length > MAX_RECORD_BYTES) {
        yield { error: `${path}:${lineNo}: line longer than ${MAX_RECORD_BYTES} bytes` };
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch (error) {
        // A pretty-printed document: gather the rest of the file and parse it whole.
        if (!seenRecord && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
          pending = [line];
          pendingBytes = line.length;
          pendingStart = lineNo;
          continue;
        }
        yield { error: `${path}:${lineNo}: invalid JSON (${(error as Error).message})` };
        continue;
      }
      seenRecord = true;
      yield* expandTop(parsed, forced, factory, `${path}:${lineNo}`);
    }
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError(`${path}: ${(error as Error).message}`);
  }
  if (pending) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(pending.join("\n"));
    } catch (error) {
      yield { error: `${path}:${pendingStart}: invalid JSON (${(error as Error).message})` };
      return;
    }
    yield* expandTop(parsed, forced, factory, `${path}:${pendingStart}`);
  }
}

/** A small file (a CloudTrail delivery) in one read: one document, or JSON lines. */
function* readSmallFile(
  path: string,
  forced: string | undefined,
  factory: EventFactory,
): Generator<ReadItem> {
  let text: string;
  try {
    const raw = readFileSync(path);
    text = /\.gz$/i.test(path)
      ? gunzipSync(raw, { maxOutputLength: MAX_RECORD_BYTES }).toString("utf8")
      : raw.toString("utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError)
      throw new ReadError(`${path}: decompressed size exceeds ${MAX_RECORD_BYTES} bytes`);
    throw new ReadError(`${path}: ${(error as Error).message}`);
  }
  const trimmed = text.trim();
  if (trimmed === "") return;
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      yield* expandTop(JSON.parse(trimmed), forced, factory, `${path}:1`);
      return;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      // not one document: JSON lines below
    }
  }
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      yield { error: `${path}:${lineNo}: invalid JSON (${(error as Error).message})` };
      continue;
    }
    yield* expandTop(parsed, forced, factory, `${path}:${lineNo}`);
  }
}

function* expandTop(
  parsed: unknown,
  forced: string | undefined,
  factory: EventFactory,
  origin: string,
): Generator<ReadItem> {
  if (Array.isArray(parsed)) for (const item of parsed) yield* expand(item, forced, factory, origin);
  else yield* expand(parsed, forced, factory, origin);
}

/** Events of every input (files or folders), in order. */
/**
 * Events of every input (files or folders), in order, in batches: a whole small file, or up to
 * 1,000 records of a streamed one. Batches spare the per-event cost of async iteration.
 */
export async function* readInputBatches(
  inputs: string[],
  forced: string | undefined,
  factory = new EventFactory(),
  wholeFileBytes = WHOLE_FILE_BYTES,
): AsyncGenerator<ReadItem[]> {
  for (const input of inputs) {
    let files: string[];
    try {
      files = inputFiles(input);
    } catch (error) {
      throw new ReadError(
        `${input}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (error as Error).message}`,
      );
    }
    for (const file of files) {
      if (statSync(file).size <= wholeFileBytes) {
        yield [...readSmallFile(file, forced, factory)];
        continue;
      }
      let batch: ReadItem[] = [];
      for await (const item of readEventFile(file, forced, factory, 0)) {
        batch.push(item);
        if (batch.length >= 1_000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    }
  }
}

/** Events of every input, one at a time. */
export async function* readInputs(
  inputs: string[],
  forced: string | undefined,
  factory = new EventFactory(),
  wholeFileBytes = WHOLE_FILE_BYTES,
): AsyncGenerator<ReadItem> {
  for await (const batch of readInputBatches(inputs, forced, factory, wholeFileBytes)) yield* batch;
}

/** Events from an in-memory body (an HTTP request), as the server will feed them. */
export function* readBody(
  body: string,
  forced: string | undefined,
  factory: EventFactory,
  origin = "body",
): Generator<ReadItem> {
  const trimmed = body.trim();
  if (trimmed === "") return;
  try {
    yield* expandTop(JSON.parse(trimmed), forced, factory, origin);
    return;
  } catch {
    // not one document: JSON lines
  }
  let n = 0;
  for (const line of trimmed.split("\n")) {
    n++;
    if (line.trim() === "") continue;
    try {
      yield* expandTop(JSON.parse(line), forced, factory, `${origin}:${n}`);
    } catch (error) {
      yield { error: `${origin}:${n}: invalid JSON (${(error as Error).message})` };
    }
  }
}

export function isRecordError(item: ReadItem): item is RecordError {
  return "error" in item && !("raw" in item);
}

import { gunzipSync } from "node:zlib";
import { type NewAlert, normalizePriority } from "../alerts.js";

/** A refused ingest body: one line naming the field. */
export class IngestError extends Error {
  override name = "IngestError";
  readonly statusCode = 400;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const MAX_EVENTS_PER_REQUEST = 10_000;

/** The items of a Kubernetes audit webhook body: an `audit.k8s.io/v1` EventList (or one Event). */
export function k8sAuditEvents(body: unknown): Record<string, unknown>[] {
  if (!isObject(body)) throw new IngestError("body: expected an audit.k8s.io/v1 EventList object");
  if (body.apiVersion !== "audit.k8s.io/v1")
    throw new IngestError(
      `apiVersion: expected "audit.k8s.io/v1", got ${JSON.stringify(body.apiVersion ?? null)}`,
    );
  if (body.kind === "Event") return [body];
  if (body.kind !== "EventList")
    throw new IngestError(`kind: expected "EventList", got ${JSON.stringify(body.kind ?? null)}`);
  if (!Array.isArray(body.items)) throw new IngestError("items: expected a list of audit events");
  if (body.items.length > MAX_EVENTS_PER_REQUEST)
    throw new IngestError(
      `items: ${body.items.length} events is over the limit of ${MAX_EVENTS_PER_REQUEST} per request`,
    );
  body.items.forEach((item, i) => {
    if (!isObject(item)) throw new IngestError(`items[${i}]: expected an audit event object`);
    if (typeof item.auditID !== "string") throw new IngestError(`items[${i}].auditID: expected a string`);
    if (typeof item.verb !== "string") throw new IngestError(`items[${i}].verb: expected a string`);
  });
  return body.items as Record<string, unknown>[];
}

/** Generic events: one object, a list, or `{"events": [...]}`. */
export function genericEvents(body: unknown): Record<string, unknown>[] {
  const list = Array.isArray(body)
    ? body
    : isObject(body) && Array.isArray(body.events)
      ? body.events
      : [body];
  if (list.length > MAX_EVENTS_PER_REQUEST)
    throw new IngestError(
      `events: ${list.length} events is over the limit of ${MAX_EVENTS_PER_REQUEST} per request`,
    );
  list.forEach((item, i) => {
    if (!isObject(item)) throw new IngestError(`events[${i}]: expected a JSON object`);
  });
  return list as Record<string, unknown>[];
}

function text(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "")
    throw new IngestError(`${field}: expected a non-empty string`);
  return value;
}

/**
 * Falco's HTTP output as Falcosidekick receives it: `output`, `priority`,
 * `rule`, `time`, `output_fields`, and optionally `source`, `tags`,
 * `hostname`, `uuid`. One object per request (Falco's http_output) or a list.
 */
export function falcoAlerts(body: unknown): NewAlert[] {
  const list = Array.isArray(body) ? body : [body];
  if (list.length > MAX_EVENTS_PER_REQUEST)
    throw new IngestError(
      `body: ${list.length} alerts is over the limit of ${MAX_EVENTS_PER_REQUEST} per request`,
    );
  return list.map((item, i) => {
    const at = Array.isArray(body) ? `[${i}].` : "";
    if (!isObject(item)) throw new IngestError(`${at || "body"}: expected a Falco alert object`);
    const priorityText = text(item.priority, `${at}priority`);
    const priority = normalizePriority(priorityText);
    if (!priority) throw new IngestError(`${at}priority: unknown priority ${JSON.stringify(priorityText)}`);
    const time = text(item.time, `${at}time`);
    if (Number.isNaN(Date.parse(time)))
      throw new IngestError(`${at}time: not a date: ${JSON.stringify(time)}`);
    const fields = item.output_fields === undefined ? {} : item.output_fields;
    if (!isObject(fields)) throw new IngestError(`${at}output_fields: expected an object`);
    const tags = item.tags === undefined || item.tags === null ? [] : item.tags;
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== "string"))
      throw new IngestError(`${at}tags: expected a list of strings`);
    const alert: NewAlert = {
      time: new Date(time).toISOString(),
      rule: text(item.rule, `${at}rule`),
      priority,
      source: typeof item.source === "string" && item.source ? item.source : "syscall",
      output: text(item.output, `${at}output`),
      tags: tags as string[],
      fields,
      origin: "falco",
    };
    if (typeof item.uuid === "string") alert.eventId = item.uuid;
    if (typeof item.hostname === "string") alert.hostname = item.hostname;
    return alert;
  });
}

/** A CloudTrail log file holds one delivery's records; a file with more is not CloudTrail's. */
export const MAX_CLOUDTRAIL_RECORDS = 100_000;
/** Largest decompressed CloudTrail file (the gzip bomb guard). */
export const MAX_CLOUDTRAIL_BYTES = 256 * 1024 * 1024;

/**
 * The records of a CloudTrail log file as S3 receives it: `{"Records": [...]}`,
 * gzip-compressed (told by `Content-Encoding: gzip` or by the gzip magic
 * bytes, since CloudTrail's `.json.gz` objects are often served without it)
 * or plain.
 */
export function cloudTrailRecords(body: Buffer, contentEncoding?: string): Record<string, unknown>[] {
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip" && encoding !== "x-gzip")
    throw new IngestError(`content-encoding: ${encoding} is not supported (gzip or none)`);
  let raw = body;
  if (encoding !== "identity" || (body[0] === 0x1f && body[1] === 0x8b)) {
    try {
      raw = gunzipSync(body, { maxOutputLength: MAX_CLOUDTRAIL_BYTES });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new IngestError(
        code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError
          ? `body: more than ${MAX_CLOUDTRAIL_BYTES / 1024 / 1024} MiB uncompressed, refused`
          : `body: not valid gzip (${(error as Error).message})`,
      );
    }
  }
  let doc: unknown;
  try {
    doc = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw new IngestError(`body: not JSON (${(error as Error).message})`);
  }
  if (!isObject(doc) || !Array.isArray(doc.Records))
    throw new IngestError('Records: expected a CloudTrail log file, {"Records": [...]}');
  if (doc.Records.length > MAX_CLOUDTRAIL_RECORDS)
    throw new IngestError(
      `Records: ${doc.Records.length} records is over the limit of ${MAX_CLOUDTRAIL_RECORDS} per file`,
    );
  doc.Records.forEach((record, i) => {
    if (!isObject(record)) throw new IngestError(`Records[${i}]: expected a CloudTrail event object`);
    if (typeof record.eventName !== "string")
      throw new IngestError(`Records[${i}].eventName: expected a string`);
  });
  return doc.Records as Record<string, unknown>[];
}

/** A raw event of one source, as read from a log file or received over HTTP. */
export interface DetectEvent {
  /** Falco source name: aws_cloudtrail, k8s_audit, gcp_auditlog, okta, github, azure_activity, syscall… */
  source: string;
  /** The parsed JSON object the fields are extracted from. */
  raw: Record<string, unknown>;
  /** Sequence number in the stream, from 1 (evt.num). */
  num: number;
  /** Event time in epoch milliseconds; 0 when the event carries none. */
  timeMs: number;
  /** Nanoseconds past timeMs kept for evt.time precision (0–999999). */
  subMsNs?: number;
  /** Where the event came from (file, HTTP), for evt.plugininfo and errors. */
  origin?: string;
  /** Cached field values, filled on first extraction (fields are extracted on demand). */
  cache?: Map<string, FieldValue>;
}

/** undefined = the field cannot be extracted from this event. */
export type FieldValue = string | number | boolean | string[] | undefined;

export type FieldType = "string" | "uint64" | "bool" | "list" | "dynamic";

export const PRIORITIES = [
  "EMERGENCY",
  "ALERT",
  "CRITICAL",
  "ERROR",
  "WARNING",
  "NOTICE",
  "INFORMATIONAL",
  "DEBUG",
] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Falco accepts these spellings case-insensitively. */
export function parsePriority(value: string): Priority | undefined {
  const upper = value.trim().toUpperCase();
  if (upper === "INFO") return "INFORMATIONAL";
  if (upper === "WARN") return "WARNING";
  return (PRIORITIES as readonly string[]).includes(upper) ? (upper as Priority) : undefined;
}

/** Lower number = more severe. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}

/** Falco prints priorities capitalised ("Critical"). */
export function priorityLabel(priority: Priority): string {
  if (priority === "INFORMATIONAL") return "Informational";
  return priority.charAt(0) + priority.slice(1).toLowerCase();
}

export interface Alert {
  rule: string;
  priority: Priority;
  /** ISO 8601 event time. */
  time: string;
  output: string;
  source: string;
  tags: string[];
  /** Values of the fields named in the output, `<NA>` where missing (Falco's output_fields). */
  fields: Record<string, string | number | boolean | string[] | null>;
  /** The event's own id (ct.id, ka.auditid, insertId, …) when it has one. */
  eventId?: string;
  /** Attribution kept for rules whose license requires it (Sigma DRL). */
  attribution?: { author?: string; license?: string; id?: string; origin?: string };
  /** Incident the alert was grouped into, once grouping ran. */
  incident?: string;
}

import { hostname } from "node:os";
import { type Alert, PRIORITIES, type Priority, priorityLabel } from "../types.js";

/** Falco's JSON alert shape (what Falcosidekick receives), plus Mamori's extras. */
export function falcoJson(alert: Alert): Record<string, unknown> {
  return {
    time: alert.time,
    rule: alert.rule,
    priority: priorityLabel(alert.priority),
    output: alert.output,
    source: alert.source,
    tags: alert.tags,
    output_fields: alert.fields,
    hostname: hostname(),
    ...(alert.eventId ? { event_id: alert.eventId } : {}),
    ...(alert.incident ? { incident: alert.incident } : {}),
    ...(alert.attribution ? { attribution: alert.attribution } : {}),
  };
}

/** The CLI's JSON lines: one alert per line. */
export function alertLine(alert: Alert): string {
  return JSON.stringify({
    rule: alert.rule,
    priority: alert.priority,
    time: alert.time,
    output: alert.output,
    source: alert.source,
    tags: alert.tags,
    fields: alert.fields,
    ...(alert.eventId ? { eventId: alert.eventId } : {}),
    ...(alert.incident ? { incident: alert.incident } : {}),
    ...(alert.attribution ? { attribution: alert.attribution } : {}),
  });
}

/** Syslog severity equals Falco's priority order (EMERGENCY=0 … DEBUG=7). */
export function syslogSeverity(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}

/** ECS severity 0-100 and CEF severity 0-10, most severe highest. */
export function ecsSeverity(priority: Priority): number {
  return [100, 90, 80, 70, 50, 30, 20, 10][PRIORITIES.indexOf(priority)] ?? 10;
}

/** Elastic Common Schema document for `_bulk`. Field keys use `_` for dots to avoid mapping clashes. */
export function ecsDocument(alert: Alert): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(alert.fields)) fields[k.replace(/[.[\]/]/g, "_")] = v;
  return {
    "@timestamp": alert.time,
    message: alert.output,
    tags: alert.tags,
    event: {
      kind: "alert",
      category: ["configuration"],
      module: "mamori",
      dataset: alert.source,
      severity: ecsSeverity(alert.priority),
      ...(alert.eventId ? { id: alert.eventId } : {}),
    },
    rule: {
      name: alert.rule,
      ruleset: alert.attribution ? "sigma" : "falco",
      ...(alert.attribution?.author ? { author: [alert.attribution.author] } : {}),
      ...(alert.attribution?.license ? { license: alert.attribution.license } : {}),
      ...(alert.attribution?.id ? { uuid: alert.attribution.id } : {}),
    },
    log: { level: alert.priority.toLowerCase() },
    observer: { vendor: "Mamori", product: "Mamori", type: "detection" },
    host: { hostname: hostname() },
    mamori: { priority: alert.priority, fields, ...(alert.incident ? { incident: alert.incident } : {}) },
  };
}

const cefHeader = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
const cefExt = (s: string) => s.replace(/\\/g, "\\\\").replace(/=/g, "\\=").replace(/\r?\n/g, "\\n");

/** ArcSight CEF: `CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|Extension`. */
export function cef(alert: Alert, version: string): string {
  const severity = Math.round(ecsSeverity(alert.priority) / 10);
  const ext = [
    `rt=${Date.parse(alert.time) || 0}`,
    `msg=${cefExt(alert.output)}`,
    `cs1Label=source cs1=${cefExt(alert.source)}`,
    `cs2Label=tags cs2=${cefExt(alert.tags.join(","))}`,
    ...(alert.eventId ? [`externalId=${cefExt(alert.eventId)}`] : []),
    ...(alert.incident ? [`cs3Label=incident cs3=${cefExt(alert.incident)}`] : []),
  ];
  return `CEF:0|Mamori|Mamori|${cefHeader(version)}|${cefHeader(alert.rule)}|${cefHeader(alert.rule)}|${severity}|${ext.join(" ")}`;
}

const sdValue = (s: string) => s.replace(/[\\"\]]/g, (c) => `\\${c}`);

/** RFC 5424 message; the body is the alert JSON or a CEF line. */
export function rfc5424(
  alert: Alert,
  options: { facility: number; appName: string; host: string; body: string },
): string {
  const pri = options.facility * 8 + syslogSeverity(alert.priority);
  const msgid = alert.source.replace(/[^\x21-\x7e]/g, "_").slice(0, 32) || "-";
  const sd = `[mamori@32473 rule="${sdValue(alert.rule)}" priority="${alert.priority}"]`;
  return `<${pri}>1 ${alert.time} ${options.host || "-"} ${options.appName} ${process.pid} ${msgid} ${sd} ${options.body}`;
}

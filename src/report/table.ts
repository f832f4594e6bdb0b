import pc from "picocolors";
import { type Finding, type ScanReport, SEVERITIES, type Severity } from "../model/index.js";
import { compareFindings, errorSourceText, locationText, type Outcome, outcome } from "./common.js";
import type { RenderOptions, ReportWriter } from "./types.js";

const GAP = "  ";
const HEADER = ["SEVERITY", "CHECK", "RESOURCE", "MESSAGE"] as const;
/** Columns are not squeezed below these widths (nor below their content) before the line itself is cut. */
const MIN_CHECK = 16;
const MIN_RESOURCE = 20;
const MIN_MESSAGE = 20;

type Colors = ReturnType<typeof pc.createColors>;

/**
 * The table for people: one row per reported finding, failures first and
 * most severe first, then a summary line and the scan errors. Text from
 * scanned files is cleaned of control characters before it reaches the
 * terminal. Colour only when `options.color` is true; table rows are trimmed
 * to `options.width` when given (the summary and errors wrap instead, so
 * nothing in them is lost).
 */
export const renderTable: ReportWriter = (report, options) => {
  const colors = pc.createColors(options.color === true);
  const findings = [...report.findings].sort(compareFindings);
  const out: string[] = [];

  if (findings.length === 0) {
    out.push(nothingFailedLine(report));
  } else {
    out.push(...tableLines(findings, options, colors));
    if (!findings.some((finding) => outcome(finding) === "fail")) out.push("", nothingFailedLine(report));
  }
  out.push("", summaryLine(report, colors));
  if (report.errors.length > 0) {
    out.push("", colors.bold(`Errors (${report.errors.length}):`));
    for (const error of report.errors) {
      out.push(`  ${terminalSafe(errorSourceText(error))}: ${terminalSafe(error.message)}`);
    }
  }
  return `${out.join("\n")}\n`;
};

function nothingFailedLine(report: ScanReport): string {
  const failing = SEVERITIES.reduce(
    (sum, severity) => sum + (report.summary.failedBySeverity[severity] ?? 0),
    0,
  );
  if (failing > 0) return `No findings to show (${failing} failing findings were left out of this report).`;
  return `Nothing failed: no failing findings in ${plural(report.summary.resources, "resource")} checked by ${plural(report.summary.checks, "check")}.`;
}

function tableLines(findings: readonly Finding[], options: RenderOptions, colors: Colors): string[] {
  const rows = findings.map((finding) => ({
    outcome: outcome(finding),
    severity: finding.severity,
    cells: [
      label(finding),
      terminalSafe(finding.checkId),
      resourceCell(finding),
      terminalSafe(finding.message),
    ],
  }));
  const widths = HEADER.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => length(row.cells[i] ?? ""))),
  );
  fitWidths(widths, options.width);

  const line = (cells: readonly string[], paint?: (s: string) => string) => {
    const padded = cells.map((cell, i) => {
      const width = widths[i] ?? 0;
      const fitted = truncate(cell, width);
      return i === cells.length - 1 ? fitted : fitted + " ".repeat(width - length(fitted));
    });
    let text = clip(padded.join(GAP).trimEnd(), options.width);
    if (paint) {
      // Colour only the severity cell, after measuring, so escapes never count as width.
      const first = padded[0] ?? "";
      const head = first.trimEnd();
      if (text.startsWith(head)) text = paint(head) + text.slice(head.length);
    }
    return text;
  };

  const out = [colors.bold(line(HEADER))];
  for (const row of rows) out.push(line(row.cells, paintFor(row.outcome, row.severity, colors)));
  return out;
}

/**
 * Fits the columns into `total`: when the natural widths are too wide, the
 * check and resource columns are capped at 30% of the room each
 * (never below their minimum) and the message takes the rest; room the
 * message does not need goes back to the resource, then the check. A
 * terminal narrower than the minimums cuts the line instead.
 */
function fitWidths(widths: number[], total: number | undefined): void {
  if (total === undefined || !Number.isFinite(total) || total <= 0) return;
  const [severity = 0, check = 0, resource = 0, message = 0] = widths;
  const room = total - severity - GAP.length * 3;
  if (check + resource + message <= room) return;
  let c = Math.min(check, Math.max(MIN_CHECK, Math.floor(room * 0.3)));
  let r = Math.min(resource, Math.max(MIN_RESOURCE, Math.floor(room * 0.3)));
  let m = room - c - r;
  if (m > message) {
    let spare = m - message;
    m = message;
    const toResource = Math.min(spare, resource - r);
    r += toResource;
    spare -= toResource;
    c += Math.min(spare, check - c);
  }
  widths[1] = c;
  widths[2] = r;
  widths[3] = Math.max(m, Math.min(message, MIN_MESSAGE));
}

function label(finding: Finding): string {
  switch (outcome(finding)) {
    case "fail":
      return finding.severity.toUpperCase();
    case "error":
      return "ERROR";
    case "muted":
      return "MUTED";
    case "not_applicable":
      return "N/A";
    case "pass":
      return "PASS";
  }
}

function paintFor(state: Outcome, severity: Severity, colors: Colors): (s: string) => string {
  if (state === "error") return colors.magenta;
  if (state === "pass") return colors.green;
  if (state !== "fail") return colors.dim;
  switch (severity) {
    case "critical":
      return (s) => colors.bold(colors.red(s));
    case "high":
      return colors.red;
    case "medium":
      return colors.yellow;
    case "low":
      return colors.cyan;
    case "info":
      return colors.dim;
  }
}

/** The resource's name (or id), with file:line for IaC. */
function resourceCell(finding: Finding): string {
  const name = finding.resource.name || finding.resource.id;
  let cell = finding.location ? `${name} (${locationText(finding.location)})` : name;
  if (finding.key !== undefined) cell += ` [${finding.key}]`;
  return terminalSafe(cell);
}

function summaryLine(report: ScanReport, colors: Colors): string {
  const { summary } = report;
  const bySeverity = SEVERITIES.map(
    (severity) => `${summary.failedBySeverity[severity] ?? 0} ${severity}`,
  ).join(", ");
  const failing = SEVERITIES.reduce((sum, severity) => sum + (summary.failedBySeverity[severity] ?? 0), 0);
  const parts = [
    `${plural(failing, "failing finding")} (${bySeverity})`,
    `${summary.muted} muted`,
    `${plural(summary.resources, "resource")} scanned`,
    plural(report.errors.length, "error"),
  ];
  return colors.bold(parts.join(" · "));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from scanned files must not drive the terminal: C0 and C1 controls
 * (escape sequences included) and bidirectional overrides become visible
 * `\xNN` / `\u{NNNN}`; tabs and line breaks become spaces so a row stays one line.
 */
export function terminalSafe(text: string): string {
  return text
    .replace(/[\t\n\r]+/g, " ")
    .replace(CONTROL_CHARS, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`)
    .replace(BIDI_CONTROLS, (ch) => `\\u{${ch.charCodeAt(0).toString(16)}}`);
}

/** Length in code points (what a terminal shows for most text; wide CJK glyphs are not measured). */
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function truncate(text: string, width: number): string {
  if (length(text) <= width) return text;
  if (width <= 0) return "";
  return `${[...text].slice(0, width - 1).join("")}…`;
}

function clip(text: string, width: number | undefined): string {
  return width !== undefined && Number.isFinite(width) && width > 0 ? truncate(text, width) : text;
}

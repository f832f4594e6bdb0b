import type { Finding } from "../model/index.js";
import { complianceText } from "./common.js";
import type { ReportWriter } from "./types.js";

/** The columns, in order. Documented in docs/report-formats.md; new columns are only ever added at the end. */
export const CSV_COLUMNS = [
  "checkId",
  "status",
  "severity",
  "title",
  "resourceId",
  "resourceType",
  "resourceName",
  "provider",
  "account",
  "region",
  "file",
  "startLine",
  "endLine",
  "compliance",
  "fingerprint",
  "message",
  "muted",
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string | number | undefined>;

/**
 * RFC 4180 CSV: a header row, one row per finding, CRLF line ends, fields
 * quoted when they hold a comma, a quote, CR or LF. Finding text comes from
 * scanned files, so a cell that a spreadsheet would run as a formula gets a
 * leading `'` (see `guardFormula`).
 */
export const renderCsv: ReportWriter = (report) => {
  const lines = [CSV_COLUMNS.map(csvField).join(",")];
  for (const finding of report.findings) {
    const row = toRow(finding);
    lines.push(CSV_COLUMNS.map((column) => csvField(row[column])).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
};

function toRow(finding: Finding): Row {
  const { resource, location } = finding;
  return {
    checkId: finding.checkId,
    status: finding.status,
    severity: finding.severity,
    title: finding.title,
    resourceId: resource.id,
    resourceType: resource.type,
    resourceName: resource.name,
    provider: resource.provider,
    account: resource.account,
    region: resource.region,
    file: location?.file,
    startLine: location?.startLine,
    endLine: location?.endLine,
    compliance: complianceText(finding.compliance),
    fingerprint: finding.fingerprint,
    message: finding.message,
    muted: finding.muted?.reason,
  };
}

/** One field: formula-guarded, then quoted when RFC 4180 requires it. Absent values are empty fields. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return "";
  const text = typeof value === "number" ? String(value) : guardFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula,
 * and some strip a leading tab or CR first (OWASP "CSV Injection"). Such a
 * cell gets a leading `'`, which spreadsheets show as text and do not run.
 * Numbers are written as they are and never start with one of these.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

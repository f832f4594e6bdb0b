import type { ScanReport } from "../model/index.js";
import { renderCsv } from "./csv.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderSarif } from "./sarif.js";
import { renderTable } from "./table.js";
import type { RenderOptions, ReportWriter } from "./types.js";

export const REPORT_FORMATS = ["table", "json", "sarif", "junit", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One writer per format; the type makes a format without a writer (or the reverse) a compile error. */
const WRITERS: Record<ReportFormat, ReportWriter> = {
  table: renderTable,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  csv: renderCsv,
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Renders a scan report in one format. Pure: no I/O, no clock; the same report gives the same text. */
export function renderReport(report: ScanReport, format: ReportFormat, options: RenderOptions = {}): string {
  if (!Object.hasOwn(WRITERS, format)) {
    throw new Error(`unknown report format "${String(format)}"; use one of ${REPORT_FORMATS.join(", ")}`);
  }
  return WRITERS[format](report, options);
}

export { CSV_COLUMNS, csvField, guardFormula } from "./csv.js";
export { type JsonFinding, type JsonReport, toJsonReport } from "./json.js";
export { escapeXmlAttribute, escapeXmlText, SCAN_ERRORS_SUITE } from "./junit.js";
export { FINGERPRINT_KEY, sarifLevel, toSarif } from "./sarif.js";
export { terminalSafe } from "./table.js";
export type { RenderOptions, ReportWriter } from "./types.js";

import { csvField } from "../csv.js";
import type { ComplianceReport } from "./build.js";

const COLUMNS = [
  "framework",
  "control",
  "title",
  "section",
  "automated",
  "control_status",
  "check",
  "finding_status",
  "muted",
  "severity",
  "resource_type",
  "resource_id",
  "account",
  "region",
  "message",
] as const;

/** One row per control and resource verdict; a control without evidence gets one row of its own. */
export function complianceCsv(report: ComplianceReport): string {
  const rows: string[][] = [[...COLUMNS]];
  for (const control of report.controls) {
    const base = [
      report.framework.id,
      control.id,
      control.title,
      control.section ?? "",
      String(control.automated),
      control.status,
    ];
    if (control.evidence.length === 0) rows.push([...base, "", "", "", "", "", "", "", "", ""]);
    for (const e of control.evidence)
      rows.push([
        ...base,
        e.checkId,
        e.status,
        e.muted ? "true" : "false",
        e.severity,
        e.resource.type,
        e.resource.id,
        e.resource.account ?? "",
        e.resource.region ?? "",
        e.message,
      ]);
  }
  return `${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

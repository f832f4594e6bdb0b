import type { ComplianceReport } from "./build.js";
import { complianceCsv } from "./csv.js";
import { complianceHtml } from "./html.js";
import { complianceOcsf } from "./ocsf.js";

export { buildComplianceReport, type ComplianceReport, type ControlReport } from "./build.js";

export const COMPLIANCE_FORMATS = ["html", "json", "csv", "ocsf"] as const;
export type ComplianceFormat = (typeof COMPLIANCE_FORMATS)[number];

export function renderComplianceReport(report: ComplianceReport, format: ComplianceFormat): string {
  switch (format) {
    case "html":
      return complianceHtml(report);
    case "csv":
      return complianceCsv(report);
    case "ocsf":
      return complianceOcsf(report);
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

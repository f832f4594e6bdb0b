import type { Severity } from "../../model/index.js";
import type { ComplianceReport, ControlEvidence, ControlReport } from "./build.js";

/**
 * OCSF Compliance Finding events (class 2003, schema 1.3.0): one per control
 * and resource verdict, so a SIEM or data lake gets the same evidence the
 * HTML report shows. Attribute names and enum values follow the OCSF schema.
 */
export const OCSF_VERSION = "1.3.0";
const CLASS_UID = 2003;
const CATEGORY_UID = 2;
const ACTIVITY_CREATE = 1;

const SEVERITY_ID: Record<Severity, number> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
const COMPLIANCE_STATUS: Record<ControlEvidence["status"], { id: number; name: string }> = {
  pass: { id: 1, name: "Pass" },
  fail: { id: 3, name: "Fail" },
  error: { id: 99, name: "Error" },
  not_applicable: { id: 0, name: "Unknown" },
};

export function complianceOcsf(report: ComplianceReport): string {
  const time = Date.parse(report.generatedAt);
  const events = report.controls.flatMap((control) =>
    control.evidence.map((evidence) => ocsfEvent(report, control, evidence, time)),
  );
  return `${JSON.stringify(events, null, 2)}\n`;
}

function ocsfEvent(report: ComplianceReport, control: ControlReport, e: ControlEvidence, time: number) {
  const status = COMPLIANCE_STATUS[e.status];
  const resource: Record<string, unknown> = {
    uid: e.resource.id,
    type: e.resource.type,
    name: e.resource.name,
  };
  if (e.resource.region) resource.region = e.resource.region;
  if (e.resource.account) resource.owner = { account: { uid: e.resource.account } };
  return {
    activity_id: ACTIVITY_CREATE,
    activity_name: "Create",
    category_uid: CATEGORY_UID,
    category_name: "Findings",
    class_uid: CLASS_UID,
    class_name: "Compliance Finding",
    type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
    type_name: "Compliance Finding: Create",
    time,
    severity_id: SEVERITY_ID[e.severity],
    severity: e.severity.charAt(0).toUpperCase() + e.severity.slice(1),
    // Finding status: New for open failures, Suppressed for muted ones, Resolved for passes.
    status_id: e.muted ? 3 : e.status === "pass" ? 4 : 1,
    status: e.muted ? "Suppressed" : e.status === "pass" ? "Resolved" : "New",
    message: e.message,
    metadata: {
      version: OCSF_VERSION,
      product: { name: report.tool.name, vendor_name: report.tool.name, version: report.tool.version },
    },
    finding_info: {
      uid: `${report.framework.id}:${control.id}:${e.fingerprint}`,
      title: `${control.id} ${control.title}`,
      desc: e.message,
      types: [report.framework.name],
    },
    compliance: {
      standards: [report.framework.name],
      control: control.id,
      requirements: [e.checkId],
      status_id: status.id,
      status: status.name,
    },
    resources: [resource],
    ...(e.remediation ? { remediation: { desc: e.remediation } } : {}),
  };
}

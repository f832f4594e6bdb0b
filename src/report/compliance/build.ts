import { scoreFramework } from "../../compliance/index.js";
import type { ControlStatus, Finding, Framework, Severity } from "../../model/index.js";

/** One resource's verdict under one control. */
export interface ControlEvidence {
  checkId: string;
  status: Finding["status"];
  muted?: Finding["muted"];
  severity: Severity;
  message: string;
  resource: Finding["resource"];
  evidence?: Finding["evidence"];
  location?: Finding["location"];
  remediation?: string;
  fingerprint: string;
}

export interface ControlReport {
  id: string;
  title: string;
  section?: string;
  profile?: string;
  automated: boolean;
  checks: string[];
  status: ControlStatus;
  passed: number;
  failed: number;
  errors: number;
  /** Every finding of the control's checks, failing first. */
  evidence: ControlEvidence[];
}

/** A framework's posture from one set of findings: what `mamori report compliance` writes. */
export interface ComplianceReport {
  framework: { id: string; name: string; framework: string; version: string; description?: string };
  generatedAt: string;
  /** What the findings cover, for people: a scan target, "current state of the store". */
  scope: string;
  score: number | null;
  counts: Record<ControlStatus, number>;
  controls: ControlReport[];
  tool: { name: string; version: string };
}

const STATUS_ORDER: Record<Finding["status"], number> = { fail: 0, error: 1, pass: 2, not_applicable: 3 };

export function buildComplianceReport(input: {
  framework: Framework;
  findings: readonly Finding[];
  scope: string;
  generatedAt: Date;
  tool: { name: string; version: string };
}): ComplianceReport {
  const score = scoreFramework(input.framework, input.findings);
  const byCheck = new Map<string, Finding[]>();
  for (const finding of input.findings) {
    const list = byCheck.get(finding.checkId) ?? [];
    list.push(finding);
    byCheck.set(finding.checkId, list);
  }
  const { framework } = input;
  return {
    framework: {
      id: framework.id,
      name: framework.name,
      framework: framework.framework,
      version: framework.version,
      ...(framework.description ? { description: framework.description } : {}),
    },
    generatedAt: input.generatedAt.toISOString(),
    scope: input.scope,
    score: score.score,
    counts: score.counts,
    tool: input.tool,
    controls: score.controls.map(({ control, status, passed, failed, errors }) => ({
      id: control.id,
      title: control.title,
      ...(control.section ? { section: control.section } : {}),
      ...(control.profile ? { profile: control.profile } : {}),
      automated: control.automated,
      checks: control.checks,
      status,
      passed,
      failed,
      errors,
      evidence: control.checks
        .flatMap((id) => byCheck.get(id) ?? [])
        .filter((f) => f.status !== "not_applicable")
        .sort(
          (a, b) =>
            STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
            a.resource.id.localeCompare(b.resource.id) ||
            a.fingerprint.localeCompare(b.fingerprint),
        )
        .map(toEvidence),
    })),
  };
}

function toEvidence(finding: Finding): ControlEvidence {
  const out: ControlEvidence = {
    checkId: finding.checkId,
    status: finding.status,
    severity: finding.severity,
    message: finding.message,
    resource: finding.resource,
    fingerprint: finding.fingerprint,
  };
  if (finding.muted) out.muted = finding.muted;
  if (finding.evidence) out.evidence = finding.evidence;
  if (finding.location) out.location = finding.location;
  if (finding.remediation) out.remediation = finding.remediation;
  return out;
}

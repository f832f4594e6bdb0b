import {
  type ComplianceRef,
  FINDING_STATUSES,
  type Finding,
  type FindingStatus,
  type Provider,
  type ScanError,
  type ScanReport,
  type ScanSummary,
  SEVERITIES,
  type Severity,
} from "../model/index.js";
import { jsonSafe } from "./common.js";
import type { ReportWriter } from "./types.js";

/**
 * The JSON report: a stable, documented shape (docs/report-formats.md,
 * schema in report-json.schema.json) that does not follow every internal
 * change of the model. Keys that are always present stay present, with
 * `null` when there is no value; `location`, `key`, `muted` and `scanId`
 * appear only when they apply.
 */
export interface JsonReport {
  tool: { name: string; version: string };
  scanId?: string;
  startedAt: string;
  target: string;
  findings: JsonFinding[];
  errors: ScanError[];
  summary: ScanSummary;
}

export interface JsonFinding {
  checkId: string;
  status: FindingStatus;
  severity: Severity;
  title: string;
  message: string;
  resource: {
    id: string;
    type: string;
    name: string;
    provider: Provider;
    account: string | null;
    region: string | null;
  };
  location?: { file: string; startLine: number; endLine: number };
  compliance: ComplianceRef[];
  fingerprint: string;
  /** The part of the resource the finding is about, when a check gives several findings per resource. */
  key?: string;
  /** `actual`/`expected` are any JSON value (unknown markers included) and absent when the value was absent. */
  evidence: { path: string; actual?: unknown; expected?: unknown } | null;
  remediation: string | null;
  muted?: { reason: string; owner?: string; expiresAt?: string };
}

export function toJsonReport(report: ScanReport): JsonReport {
  return {
    tool: { name: report.tool.name, version: report.tool.version },
    ...(report.scanId !== undefined && { scanId: report.scanId }),
    startedAt: report.startedAt,
    target: report.target,
    findings: report.findings.map(toJsonFinding),
    errors: report.errors.map(toJsonError),
    summary: toJsonSummary(report.summary),
  };
}

export const renderJson: ReportWriter = (report) => `${JSON.stringify(toJsonReport(report), jsonSafe, 2)}\n`;

function toJsonFinding(finding: Finding): JsonFinding {
  const { resource, location, evidence, muted } = finding;
  // Built in the documented key order; optional keys only when they apply.
  return {
    checkId: finding.checkId,
    status: finding.status,
    severity: finding.severity,
    title: finding.title,
    message: finding.message,
    resource: {
      id: resource.id,
      type: resource.type,
      name: resource.name,
      provider: resource.provider,
      account: resource.account ?? null,
      region: resource.region ?? null,
    },
    ...(location && {
      location: { file: location.file, startLine: location.startLine, endLine: location.endLine },
    }),
    compliance: finding.compliance.map((ref) => ({
      framework: ref.framework,
      version: ref.version,
      control: ref.control,
    })),
    fingerprint: finding.fingerprint,
    ...(finding.key !== undefined && { key: finding.key }),
    evidence: evidence
      ? {
          path: evidence.path,
          ...(evidence.actual !== undefined && { actual: evidence.actual }),
          ...(evidence.expected !== undefined && { expected: evidence.expected }),
        }
      : null,
    remediation: finding.remediation ?? null,
    ...(muted && {
      muted: {
        reason: muted.reason,
        ...(muted.owner !== undefined && { owner: muted.owner }),
        ...(muted.expiresAt !== undefined && { expiresAt: muted.expiresAt }),
      },
    }),
  };
}

function toJsonError(error: ScanError): ScanError {
  const out: ScanError = { source: error.source, message: error.message };
  if (error.line !== undefined) out.line = error.line;
  if (error.column !== undefined) out.column = error.column;
  return out;
}

function toJsonSummary(summary: ScanSummary): ScanSummary {
  const byStatus = Object.fromEntries(FINDING_STATUSES.map((s) => [s, summary.byStatus[s] ?? 0])) as Record<
    FindingStatus,
    number
  >;
  const failedBySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, summary.failedBySeverity[s] ?? 0]),
  ) as Record<Severity, number>;
  return {
    resources: summary.resources,
    checks: summary.checks,
    byStatus,
    failedBySeverity,
    muted: summary.muted,
    errors: summary.errors,
    durationMs: summary.durationMs,
  };
}

import { type CheckRegistry, type ComplianceLookup, evaluateResource } from "../checks/index.js";
import {
  atLeast,
  compareSeverity,
  type Finding,
  type FindingStatus,
  type Resource,
  type RuleInfo,
  type ScanError,
  type ScanReport,
  type ScanSummary,
  type Severity,
} from "../model/index.js";

/** What the posture scan needs of the store; src/store implements it. */
export interface ScanRecorder {
  beginScan(input: { kind: string; target: string; scope: string }): Promise<string>;
  recordBatch(scanId: string, resources: Resource[], findings: Finding[]): Promise<void>;
  completeScan(scanId: string, summary: ScanSummary): Promise<unknown>;
  failScan(scanId: string, message: string): Promise<void>;
}

export type ResourceItem = { resource: Resource } | { error: ScanError };

export interface PostureScanOptions {
  /** "snapshot", "iac", "aws", … */
  kind: string;
  /** What is scanned, for people. */
  target: string;
  /** Findings of the same scope that no longer fail are resolved when the scan completes. */
  scope: string;
  items: AsyncIterable<ResourceItem>;
  registry: CheckRegistry;
  compliance: ComplianceLookup;
  recorder?: ScanRecorder;
  /** The stored mute that applies to a failing finding, to mark it muted in the report. */
  mute?: (finding: Finding, resource: Resource) => Finding["muted"] | undefined;
  includePassed?: boolean;
  batchSize?: number;
  onProgress?: (resources: number) => void;
  tool: { name: string; version: string };
  now?: () => Date;
}

export interface PostureScanResult {
  report: ScanReport;
  /** Every finding of every status, for scoring. */
  allFindings: Finding[];
}

/**
 * Source → checks → store → report. Resources are evaluated as they arrive
 * and written to the store in batches; the store applies the scan to its
 * current state only when the scan completes, so a scan that dies leaves it
 * as it was.
 */
export async function runPostureScan(options: PostureScanOptions): Promise<PostureScanResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const batchSize = options.batchSize ?? 500;
  const scanId = await options.recorder?.beginScan({
    kind: options.kind,
    target: options.target,
    scope: options.scope,
  });
  const errors: ScanError[] = [];
  const allFindings: Finding[] = [];
  let resourceCount = 0;
  let batchResources: Resource[] = [];
  let batchFindings: Finding[] = [];
  const flush = async () => {
    if (scanId !== undefined && batchResources.length > 0)
      await options.recorder?.recordBatch(scanId, batchResources, batchFindings);
    batchResources = [];
    batchFindings = [];
  };
  try {
    for await (const item of options.items) {
      if ("error" in item) {
        errors.push(item.error);
        continue;
      }
      resourceCount++;
      const findings = evaluateResource(item.resource, options.registry, options.compliance);
      // Stored mutes only mark what is reported: the store applies them itself when the scan
      // completes, so a mute removed later does not stick to the recorded finding.
      for (const finding of findings) {
        const muted =
          finding.status === "fail" && !finding.muted ? options.mute?.(finding, item.resource) : undefined;
        allFindings.push(muted ? { ...finding, muted } : finding);
      }
      batchResources.push(item.resource);
      batchFindings.push(...findings);
      if (batchResources.length >= batchSize) await flush();
      if (resourceCount % 100 === 0) options.onProgress?.(resourceCount);
    }
    await flush();
    for (const f of allFindings)
      if (f.status === "error") errors.push({ source: f.checkId, message: `${f.resource.id}: ${f.message}` });
    const summary = summarize(
      allFindings,
      resourceCount,
      options.registry.size,
      errors.length,
      now().getTime() - started.getTime(),
    );
    if (scanId !== undefined) await options.recorder?.completeScan(scanId, summary);
    const reported = allFindings
      .filter(
        (f) =>
          f.status === "fail" ||
          f.status === "error" ||
          (options.includePassed && f.status !== "not_applicable"),
      )
      .sort(byReportOrder);
    const report: ScanReport = {
      tool: options.tool,
      startedAt: started.toISOString(),
      target: options.target,
      findings: reported,
      errors,
      summary,
      rules: rulesFor(reported, options.registry),
    };
    if (scanId !== undefined) report.scanId = scanId;
    return { report, allFindings };
  } catch (error) {
    if (scanId !== undefined) {
      await options.recorder
        ?.failScan(scanId, error instanceof Error ? error.message : String(error))
        .catch(() => undefined);
    }
    throw error;
  }
}

function summarize(
  findings: Finding[],
  resources: number,
  checks: number,
  errors: number,
  durationMs: number,
): ScanSummary {
  const byStatus: Record<FindingStatus, number> = { fail: 0, pass: 0, error: 0, not_applicable: 0 };
  const failedBySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  let muted = 0;
  for (const f of findings) {
    byStatus[f.status]++;
    if (f.status === "fail" && f.muted) muted++;
    else if (f.status === "fail") failedBySeverity[f.severity]++;
  }
  return { resources, checks, byStatus, failedBySeverity, muted, errors, durationMs };
}

const STATUS_ORDER: Record<FindingStatus, number> = { fail: 0, error: 1, pass: 2, not_applicable: 3 };

/** Failing first, then errors, passes; by severity, check and resource within each. */
export function byReportOrder(a: Finding, b: Finding): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    compareSeverity(a.severity, b.severity) ||
    a.checkId.localeCompare(b.checkId) ||
    a.resource.id.localeCompare(b.resource.id) ||
    (a.key ?? "").localeCompare(b.key ?? "")
  );
}

function rulesFor(findings: Finding[], registry: CheckRegistry): RuleInfo[] {
  const ids = [...new Set(findings.map((f) => f.checkId))].sort();
  return ids.flatMap((id) => {
    const check = registry.get(id);
    if (!check) return [];
    const rule: RuleInfo = {
      id,
      title: check.title,
      description: check.description,
      severity: check.severity,
      remediation: check.remediation,
      resourceTypes: check.resourceTypes,
    };
    if (check.references?.length) rule.references = check.references;
    return [rule];
  });
}

/** True when a failing, unmuted finding is at or above `threshold`: the CI gate. */
export function breaches(findings: readonly Finding[], threshold: Severity): boolean {
  return findings.some((f) => f.status === "fail" && !f.muted && atLeast(f.severity, threshold));
}

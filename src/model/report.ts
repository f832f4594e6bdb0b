import type { Finding, FindingStatus } from "./finding.js";
import type { Severity } from "./severity.js";

/** Something that could not be read or evaluated; the scan went on without it. */
export interface ScanError {
  /** What failed: a file path, a service, a check id. */
  source: string;
  message: string;
  line?: number;
  column?: number;
}

/** What a report needs to know about a check that is not in every finding. */
export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  remediation: string;
  resourceTypes: string[];
  references?: string[];
}

export interface ScanSummary {
  resources: number;
  checks: number;
  /** Counts of all findings evaluated, reported or not. */
  byStatus: Record<FindingStatus, number>;
  /** Failing findings (not muted) by severity. */
  failedBySeverity: Record<Severity, number>;
  muted: number;
  errors: number;
  durationMs: number;
}

/** The outcome of one scan, as report writers receive it. */
export interface ScanReport {
  tool: { name: string; version: string };
  scanId?: string;
  startedAt: string;
  /** What was scanned, for people: file paths, an account. */
  target: string;
  /** Findings to report (failing only, unless passed ones were asked for). */
  findings: Finding[];
  errors: ScanError[];
  summary: ScanSummary;
  /** Metadata of every check that produced a reported finding. */
  rules: RuleInfo[];
}

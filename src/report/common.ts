import {
  type ComplianceRef,
  compareSeverity,
  type Finding,
  type FindingStatus,
  type Location,
  type ScanError,
} from "../model/index.js";

/** `cis-aws 7.0.0 1.10; pci-dss 4.0 1.2.1` — compliance references in one cell. */
export function complianceText(refs: readonly ComplianceRef[]): string {
  return refs.map((ref) => `${ref.framework} ${ref.version} ${ref.control}`).join("; ");
}

/** `main.tf:12` or `main.tf:12-20`. */
export function locationText(location: Location): string {
  const lines =
    location.endLine > location.startLine
      ? `${location.startLine}-${location.endLine}`
      : `${location.startLine}`;
  return `${location.file}:${lines}`;
}

/** `source:line:column`, as far as known. */
export function errorSourceText(error: ScanError): string {
  let out = error.source;
  if (error.line !== undefined) out += `:${error.line}`;
  if (error.line !== undefined && error.column !== undefined) out += `:${error.column}`;
  return out;
}

/** How a finding reads in a report: muted findings are neither failures nor passes. */
export type Outcome = FindingStatus | "muted";

export function outcome(finding: Finding): Outcome {
  return finding.muted !== undefined && finding.status !== "pass" ? "muted" : finding.status;
}

const OUTCOME_ORDER: Record<Outcome, number> = { fail: 0, error: 1, muted: 2, not_applicable: 3, pass: 4 };

/**
 * Sort comparator for people: failures first, most severe first, then
 * errors, muted, not applicable and passed findings; ties by check id,
 * resource id and fingerprint so the order never depends on input order.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    OUTCOME_ORDER[outcome(a)] - OUTCOME_ORDER[outcome(b)] ||
    compareSeverity(a.severity, b.severity) ||
    compareStrings(a.checkId, b.checkId) ||
    compareStrings(a.resource.id, b.resource.id) ||
    compareStrings(a.fingerprint, b.fingerprint)
  );
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A value from evidence, for text formats: JSON, so that unknown markers and strings stay recognisable. */
export function valueText(value: unknown): string {
  if (value === undefined) return "(absent)";
  try {
    return JSON.stringify(value, jsonSafe) ?? String(value);
  } catch {
    return String(value);
  }
}

/** JSON.stringify replacer: bigints as strings instead of a TypeError. */
export function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

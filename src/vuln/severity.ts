import calc from "ae-cvss-calculator";
import type { Severity } from "../model/index.js";
import type { OsvRecord, OsvSeverity } from "./osv.js";

/**
 * Severity of an advisory: a CVSS base score computed from its vector
 * (v2, v3.0, v3.1, v4.0, with ae-cvss-calculator: scoring is specified by
 * FIRST in tables and formulas a well-kept library already implements and
 * tests) or the vendor's own rating (Ubuntu priority, GHSA/Debian severity).
 */
export interface ScoredSeverity {
  severity: Severity;
  /** Where it came from: "CVSS_V3", "CVSS_V4", "Ubuntu", "GHSA", "Debian", … */
  source: string;
  score?: number;
  vector?: string;
}

/** Qualitative rating of a CVSS score (FIRST's v3/v4 scale: 0 none, <4 low, <7 medium, <9 high). */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  if (score > 0) return "low";
  return "info";
}

const SCORES = new Map<string, number | undefined>();

/** The base score of a CVSS vector, or undefined when the vector is not valid. Memoised: feeds repeat vectors. */
export function cvssScore(vector: string): number | undefined {
  if (SCORES.has(vector)) return SCORES.get(vector);
  const score = computeScore(vector.trim());
  if (SCORES.size < 100_000) SCORES.set(vector, score);
  return score;
}

function computeScore(v: string): number | undefined {
  try {
    let score: number | undefined;
    if (v.startsWith("CVSS:4.0/")) score = new calc.Cvss4P0(v).calculateScores().overall;
    else if (v.startsWith("CVSS:3.1/")) score = new calc.Cvss3P1(v).calculateScores().base;
    else if (v.startsWith("CVSS:3.0/")) score = new calc.Cvss3P0(v).calculateScores().base;
    else if (/^(\(?)AV:[LAN]\/AC:/.test(v))
      score = new calc.Cvss2(v.replace(/^\(|\)$/g, "")).calculateScores().base;
    return typeof score === "number" && Number.isFinite(score) ? score : undefined;
  } catch {
    return undefined;
  }
}

const WORDS: Record<string, Severity> = {
  critical: "critical",
  high: "high",
  important: "high",
  moderate: "medium",
  medium: "medium",
  low: "low",
  negligible: "info",
  unimportant: "info",
  info: "info",
  none: "info",
};

export function severityOfWord(word: string): Severity | undefined {
  return WORDS[word.trim().toLowerCase()];
}

function fromEntry(entry: OsvSeverity): ScoredSeverity | undefined {
  if (entry.type.startsWith("CVSS_")) {
    const score = cvssScore(entry.score);
    if (score === undefined) return undefined;
    return { severity: severityOfScore(score), source: entry.type, score, vector: entry.score };
  }
  const word = severityOfWord(entry.score);
  return word ? { severity: word, source: entry.type } : undefined;
}

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/**
 * The severity of a group of merged advisories. For distro packages the
 * distro's own rating wins (it knows how the package is built and used);
 * otherwise the highest CVSS score, then the highest vendor word.
 */
export function severityOf(records: OsvRecord[], preferVendor: boolean): ScoredSeverity | undefined {
  const cvss: ScoredSeverity[] = [];
  const vendor: ScoredSeverity[] = [];
  for (const record of records) {
    const entries = [...(record.severity ?? []), ...(record.affected ?? []).flatMap((a) => a.severity ?? [])];
    for (const entry of entries) {
      const scored = fromEntry(entry);
      if (scored) (entry.type.startsWith("CVSS_") ? cvss : vendor).push(scored);
    }
    for (const affected of record.affected ?? []) {
      const word = affected.database_specific?.severity;
      if (typeof word === "string" && severityOfWord(word))
        vendor.push({ severity: severityOfWord(word) as Severity, source: sourceName(record) });
    }
    const word = record.database_specific?.severity;
    if (typeof word === "string" && severityOfWord(word))
      vendor.push({ severity: severityOfWord(word) as Severity, source: sourceName(record) });
  }
  const best = (list: ScoredSeverity[]) =>
    list.reduce<ScoredSeverity | undefined>(
      (a, b) =>
        !a ||
        RANK[b.severity] > RANK[a.severity] ||
        (RANK[b.severity] === RANK[a.severity] && (b.score ?? 0) > (a.score ?? 0))
          ? b
          : a,
      undefined,
    );
  return preferVendor ? (best(vendor) ?? best(cvss)) : (best(cvss) ?? best(vendor));
}

function sourceName(record: OsvRecord): string {
  const source = record.database_specific?.source;
  if (typeof source === "string") return source;
  return record.id.split("-")[0] ?? "vendor";
}

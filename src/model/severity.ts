/** How bad a failing finding is. Ordered from most to least severe. */
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function isSeverity(value: unknown): value is Severity {
  return typeof value === "string" && (SEVERITIES as readonly string[]).includes(value);
}

/** Parses a user-supplied severity name (case-insensitive); returns undefined when it is not one. */
export function parseSeverity(value: string): Severity | undefined {
  const lower = value.trim().toLowerCase();
  return isSeverity(lower) ? lower : undefined;
}

/** True when `a` is at least as severe as `b`. */
export function atLeast(a: Severity, b: Severity): boolean {
  return RANK[a] >= RANK[b];
}

/** Sort comparator: most severe first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}

/**
 * The numeric score GitHub code scanning reads from SARIF `security-severity`
 * (critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9).
 */
export function securitySeverityScore(severity: Severity): string {
  return { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "0.0" }[severity];
}

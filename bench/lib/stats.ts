/** Pure statistics for benchmark samples. */

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The middle value (the mean of the two middle values for an even count). Throws on an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** Median, minimum and maximum of a non-empty list. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError("spread of an empty list");
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** `value / baseline`, or null when either is missing, not finite, or the baseline is not positive. */
export function ratio(value: number | undefined, baseline: number | undefined): number | null {
  if (value === undefined || baseline === undefined) return null;
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline <= 0) return null;
  return value / baseline;
}

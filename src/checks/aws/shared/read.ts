/** Small readers shared by the AWS checks. */
import { type Evidence, getPath, isUnknown, type Resource } from "../../../model/index.js";
import { type CheckResult, fail, notApplicable, pass } from "../../check.js";

/**
 * The common shape of a one-property check: read `path`, decide with `ok`.
 * An unknown value (including a value the live source could not read) gives
 * `not_applicable` with the marker as evidence, never a pass or a failure.
 */
export function expectValue(
  resource: Resource,
  path: string,
  ok: (value: unknown) => boolean,
  words: { pass: string; fail: (value: unknown) => string; expected: unknown },
): CheckResult {
  const value = getPath(resource.properties, path);
  if (isUnknown(value)) return notApplicable(`${path} is not known`, { path, actual: value });
  return ok(value)
    ? pass(words.pass, { path, actual: value })
    : fail(words.fail(value), { path, actual: value ?? null, expected: words.expected });
}

/** When the resource was observed: the live collection time, or a snapshot's. Undefined for IaC. */
export function observedAt(resource: Resource): Date | undefined {
  const p = resource.provenance;
  const at = p.kind === "live" ? p.collectedAt : p.kind === "snapshot" ? p.collectedAt : undefined;
  const date = at ? new Date(at) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `from` (an ISO date string) to `to`; undefined when `from` is not a date. */
export function daysBetween(from: unknown, to: Date): number | undefined {
  if (typeof from !== "string") return undefined;
  const start = new Date(from).getTime();
  return Number.isNaN(start) ? undefined : Math.floor((to.getTime() - start) / DAY_MS);
}

/** A list property, the unknown marker that stands for it, or [] when absent. */
export function listAt(resource: Resource, path: string): unknown[] | { unknown: unknown } {
  const value = getPath(resource.properties, path);
  if (isUnknown(value)) return { unknown: value };
  return Array.isArray(value) ? value : [];
}

export function unknownResult(path: string, value: unknown, what: string): CheckResult {
  return notApplicable(`${what} is not known`, { path, actual: value } satisfies Evidence);
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

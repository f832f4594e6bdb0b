/** Credential age against the time the resource was observed (never the clock, so results are reproducible). */
import { isUnknown, type Resource } from "../../model/index.js";
import { daysBetween, observedAt } from "../aws/shared/read.js";
import { type CheckResult, fail, notApplicable, pass } from "../check.js";

/** Passes a credential created at most `limitDays` before the observation, fails an older one. */
export function ageResult(
  resource: Resource,
  path: string,
  created: unknown,
  limitDays: number,
  what: string,
  key?: string,
): CheckResult {
  const now = observedAt(resource);
  if (!now) return notApplicable("the observation time is not known (not a live resource)", { path }, key);
  if (isUnknown(created))
    return notApplicable(`${what}'s creation time is not known`, { path, actual: created }, key);
  const age = daysBetween(created, now);
  if (age === undefined)
    return notApplicable(`${what}'s creation time is not known`, { path, actual: created ?? null }, key);
  return age > limitDays
    ? fail(
        `${what} is ${age} days old`,
        { path, actual: created, expected: `at most ${limitDays} days old` },
        key,
      )
    : pass(`${what} is ${age} days old`, { path, actual: created }, key);
}

import { getPath, isUnknown, type Resource } from "../../../model/index.js";
import { type CheckResult, fail, notApplicable, pass } from "../../check.js";

/**
 * The shape of most Azure configuration checks: one property must hold an
 * accepted value. Unknown → not applicable; anything else → fail naming the
 * property, so findings point at its line in a template.
 */
export function requireSetting(
  resource: Resource,
  path: string,
  accepted: (value: unknown) => boolean,
  text: { ok: string; bad: (value: unknown) => string; expected: unknown },
): CheckResult {
  const value = getPath(resource.properties, path);
  if (isUnknown(value)) return notApplicable(`${path} is not known at scan time`, { path, actual: value });
  if (accepted(value)) return pass(text.ok, { path, actual: value });
  return fail(text.bad(value), { path, actual: value ?? null, expected: text.expected });
}

/** Compares TLS versions written as `TLS1_2`, `1.2`, `1.3`; `None`/absent is below everything. */
export function tlsAtLeast(value: unknown, minimum: number): boolean {
  if (typeof value !== "string") return false;
  const match = /(\d)[._](\d)/.exec(value);
  return match !== null && Number(`${match[1]}.${match[2]}`) >= minimum;
}

export function describe(value: unknown): string {
  return value === undefined || value === null ? "not set" : JSON.stringify(value);
}

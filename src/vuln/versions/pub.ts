import { comparePrerelease, parseSemver } from "./semver.js";
import { compareDigits, type Order } from "./util.js";

/**
 * Dart pub versions: SemVer, except that build metadata takes part in the
 * order (a version with a build sorts after the same version without one).
 */
export function comparePub(a: string, b: string): Order {
  const x = parseSemver(a);
  const y = parseSemver(b);
  for (let i = 0; i < 3; i++) {
    const order = compareDigits(x.core[i] ?? "0", y.core[i] ?? "0");
    if (order !== 0) return order;
  }
  const pre = comparePrerelease(x.pre, y.pre);
  if (pre !== 0) return pre;
  const xb = build(a);
  const yb = build(b);
  if (xb.length === 0 || yb.length === 0) return xb.length === yb.length ? 0 : xb.length === 0 ? -1 : 1;
  return comparePrerelease(xb, yb);
}

function build(version: string): string[] {
  const plus = version.indexOf("+");
  return plus >= 0 ? version.slice(plus + 1).split(".") : [];
}

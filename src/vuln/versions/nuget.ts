import { comparePrerelease } from "./semver.js";
import { compareDigits, type Order } from "./util.js";

/**
 * NuGet versions: up to four numeric parts (missing ones are 0, leading zeros
 * ignored), a SemVer 2.0 pre-release compared case-insensitively, metadata
 * after `+` ignored.
 */
export function compareNuget(a: string, b: string): Order {
  const x = parseNuget(a);
  const y = parseNuget(b);
  for (let i = 0; i < 4; i++) {
    const order = compareDigits(x.parts[i] ?? "0", y.parts[i] ?? "0");
    if (order !== 0) return order;
  }
  return comparePrerelease(x.pre, y.pre, true);
}

function parseNuget(version: string): { parts: string[]; pre: string[] } {
  let v = version.trim();
  if (v.startsWith("v") || v.startsWith("V")) v = v.slice(1);
  const plus = v.indexOf("+");
  if (plus >= 0) v = v.slice(0, plus);
  const dash = v.indexOf("-");
  const core = dash >= 0 ? v.slice(0, dash) : v;
  const pre = dash >= 0 ? v.slice(dash + 1).split(".") : [];
  return { parts: core.split("."), pre };
}

import { compareDigits, compareStrings, type Order } from "./util.js";

/**
 * Semantic versions as advisories use them (OSV `SEMVER` ranges, crates.io,
 * Go, npm): an optional `v`, numeric components (missing ones are 0, extra
 * ones beyond three are ignored as build data), a pre-release that sorts
 * before the release, and build metadata that never affects order. Go
 * pseudo-versions (v0.0.0-20210101000000-abcdef123456) are pre-releases and
 * `+incompatible` is build metadata, so both order correctly here. Numbers
 * are compared as digit strings, so huge components do not overflow.
 */
export interface SemverParts {
  core: string[];
  pre: string[];
}

export function parseSemver(version: string): SemverParts {
  let v = version.trim();
  if (v.startsWith("v") || v.startsWith("V")) v = v.slice(1);
  const plus = v.indexOf("+");
  if (plus >= 0) v = v.slice(0, plus);
  const match = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(v);
  if (!match) return { core: ["0", "0", "0"], pre: v ? v.split(".") : [] };
  const rest = match[4] ?? "";
  // "1.2.3-beta" and "1.2.3beta" both carry a pre-release; ".4.5" past three components is ignored.
  const dash = rest.indexOf("-");
  const pre = dash >= 0 ? rest.slice(dash + 1) : /^[a-zA-Z]/.test(rest) ? rest : "";
  return {
    core: [match[1] ?? "0", match[2] ?? "0", match[3] ?? "0"],
    pre: pre ? pre.split(".") : [],
  };
}

export function compareSemver(a: string, b: string): Order {
  const x = parseSemver(a);
  const y = parseSemver(b);
  for (let i = 0; i < 3; i++) {
    const order = compareDigits(x.core[i] ?? "0", y.core[i] ?? "0");
    if (order !== 0) return order;
  }
  return comparePrerelease(x.pre, y.pre);
}

/** SemVer 2.0 §11: no pre-release > any pre-release; numeric identifiers < alphanumeric ones. */
export function comparePrerelease(x: string[], y: string[], caseInsensitive = false): Order {
  if (x.length === 0 || y.length === 0) return x.length === y.length ? 0 : x.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const order = compareIdentifier(p, q, caseInsensitive);
    if (order !== 0) return order;
  }
  return 0;
}

function compareIdentifier(p: string, q: string, caseInsensitive: boolean): Order {
  const pn = /^\d+$/.test(p);
  const qn = /^\d+$/.test(q);
  if (pn && qn) return compareDigits(p, q);
  if (pn) return -1;
  if (qn) return 1;
  return caseInsensitive ? compareStrings(p.toLowerCase(), q.toLowerCase()) : compareStrings(p, q);
}

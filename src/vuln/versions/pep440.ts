import { compareDigits, compareStrings, type Order } from "./util.js";

/**
 * PEP 440 (Python) versions: [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local],
 * with the spec's normalisations (alpha→a, c/pre/preview→rc, rev/r→post,
 * "-N" → post, separators and case). Release trailing zeros do not count
 * (1.0 == 1.0.0). Strings that are not PEP 440 sort before every valid
 * version and among themselves as text, as pip's legacy ordering did.
 */
interface Pep440 {
  epoch: string;
  release: string[];
  /** [rank, number]: a=0 b=1 rc=2 */
  pre?: [number, string];
  post?: string;
  dev?: string;
  local: string[];
}

const PATTERN =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d*))?(?:[-_.]?(dev)[-_.]?(\d*))?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/;

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

export function parsePep440(version: string): Pep440 | undefined {
  const m = PATTERN.exec(version.trim().toLowerCase());
  if (!m) return undefined;
  const parsed: Pep440 = {
    epoch: m[1] ?? "0",
    release: (m[2] ?? "0").split("."),
    local: m[10] ? m[10].split(/[-_.]/) : [],
  };
  if (m[3]) parsed.pre = [PRE_RANK[m[3]] ?? 0, m[4] || "0"];
  if (m[5] !== undefined) parsed.post = m[5];
  else if (m[6]) parsed.post = m[7] || "0";
  if (m[8]) parsed.dev = m[9] || "0";
  return parsed;
}

export function comparePep440(a: string, b: string): Order {
  const x = parsePep440(a);
  const y = parsePep440(b);
  if (!x || !y) {
    if (x) return 1;
    if (y) return -1;
    return compareStrings(a, b);
  }
  return (
    compareDigits(x.epoch, y.epoch) ||
    compareRelease(x.release, y.release) ||
    comparePre(x, y) ||
    compareOptional(x.post, y.post, -1) ||
    compareOptional(x.dev, y.dev, 1) ||
    compareLocal(x.local, y.local)
  );
}

function compareRelease(x: string[], y: string[]): Order {
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const order = compareDigits(x[i] ?? "0", y[i] ?? "0");
    if (order !== 0) return order;
  }
  return 0;
}

/** A dev release without pre or post sorts before every pre-release of its version (1.0.dev1 < 1.0a1). */
function preKey(v: Pep440): [number, string] {
  if (v.pre) return v.pre;
  if (v.post === undefined && v.dev !== undefined) return [-1, "0"];
  return [3, "0"];
}

function comparePre(x: Pep440, y: Pep440): Order {
  const p = preKey(x);
  const q = preKey(y);
  if (p[0] !== q[0]) return p[0] < q[0] ? -1 : 1;
  return compareDigits(p[1], q[1]);
}

/** Absent post sorts first (missing = -1), absent dev sorts last (missing = 1). */
function compareOptional(p: string | undefined, q: string | undefined, missing: Order): Order {
  if (p === undefined && q === undefined) return 0;
  if (p === undefined) return missing;
  if (q === undefined) return (-missing || 0) as Order;
  return compareDigits(p, q);
}

function compareLocal(x: string[], y: string[]): Order {
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    const order = pn && qn ? compareDigits(p, q) : pn ? 1 : qn ? -1 : compareStrings(p, q);
    if (order !== 0) return order;
  }
  return 0;
}

import { compareDigits, isDigit, type Order } from "./util.js";

/**
 * Composer/Packagist versions, ordered like PHP's version_compare() (which
 * Composer uses after normalising): the string is cut into parts at `.`, `-`,
 * `_`, `+` and at digit/non-digit transitions; numbers compare numerically
 * and words by their rank: any other word < dev < alpha = a < beta = b <
 * RC = rc < a number < pl = p. A leading `v` is dropped as Composer does.
 */
const SPECIAL: [string, number][] = [
  ["dev", 0],
  ["alpha", 1],
  ["a", 1],
  ["beta", 2],
  ["b", 2],
  ["RC", 3],
  ["rc", 3],
  ["#", 4],
  ["pl", 5],
  ["p", 5],
];

function rank(form: string): number {
  for (const [name, order] of SPECIAL) if (form.startsWith(name)) return order;
  return -1;
}

export function canonicalParts(version: string): string[] {
  let v = version.trim();
  if (/^[vV]\d/.test(v)) v = v.slice(1);
  if (v === "") return [];
  let out = v[0] as string;
  const nonDigit = (c: string) => !isDigit(c) && c !== ".";
  for (let i = 1; i < v.length; i++) {
    const c = v[i] as string;
    const prev = v[i - 1] as string;
    const last = out[out.length - 1];
    if (c === "-" || c === "_" || c === "+") {
      if (last !== ".") out += ".";
    } else if ((nonDigit(prev) && isDigit(c)) || (isDigit(prev) && nonDigit(c))) {
      if (last !== ".") out += ".";
      out += c;
    } else out += c;
  }
  return out.split(".");
}

function comparePart(p: string, q: string): Order {
  const pd = isDigit(p[0]);
  const qd = isDigit(q[0]);
  if (pd && qd) return compareDigits(p.match(/^\d+/)?.[0] ?? "0", q.match(/^\d+/)?.[0] ?? "0");
  const x = pd ? 4 : rank(p);
  const y = qd ? 4 : rank(q);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function compareComposer(a: string, b: string): Order {
  const x = canonicalParts(a);
  const y = canonicalParts(b);
  if (x.length === 0 || y.length === 0) return x.length === y.length ? 0 : x.length === 0 ? -1 : 1;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const order = comparePart(x[i] as string, y[i] as string);
    if (order !== 0) return order;
  }
  // One has more parts: a number among them makes it newer; words are ranked against "a number".
  const longer = x.length > n ? x : y;
  const side = x.length > n ? 1 : -1;
  for (const part of longer.slice(n)) {
    const order = isDigit(part[0]) ? 1 : comparePart(part, "#");
    if (order !== 0) return (order * side) as Order;
  }
  return 0;
}

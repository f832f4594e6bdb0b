import { compareDigits, compareStrings, type Order } from "./util.js";

/**
 * RubyGems (Gem::Version): segments are runs of digits or letters; a letter
 * segment marks a pre-release (1.0.a < 1.0); "-" means ".pre.". Trailing
 * zero segments are dropped before comparing, separately for the release
 * part and the pre-release part, so 1.0 == 1 and 1.0.a2 == 1.0.a.2.
 */
type Segment = string | bigint;

function segments(version: string): Segment[] {
  const text = version.trim().replace(/-/g, ".pre.");
  const raw = text.match(/[0-9]+|[a-z]+/gi) ?? [];
  const all: Segment[] = raw.map((s) => (/^\d+$/.test(s) ? BigInt(s) : s));
  const firstString = all.findIndex((s) => typeof s === "string");
  const release = firstString < 0 ? all : all.slice(0, firstString);
  const pre = firstString < 0 ? [] : all.slice(firstString);
  return [...dropTrailingZeros(release), ...dropTrailingZeros(pre)];
}

function dropTrailingZeros(list: Segment[]): Segment[] {
  let end = list.length;
  while (end > 0 && list[end - 1] === 0n) end--;
  return list.slice(0, end);
}

export function compareRubygems(a: string, b: string): Order {
  const x = segments(a);
  const y = segments(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i] ?? 0n;
    const q = y[i] ?? 0n;
    if (p === q) continue;
    if (typeof p === "string" && typeof q !== "string") return -1;
    if (typeof p !== "string" && typeof q === "string") return 1;
    if (typeof p === "string" && typeof q === "string") return compareStrings(p, q);
    return compareDigits(String(p), String(q));
  }
  return 0;
}

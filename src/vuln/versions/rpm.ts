import { compareDigits, compareStrings, isAlpha, isDigit, type Order } from "./util.js";

/**
 * RPM EVR: [epoch:]version[-release], each part compared with rpmvercmp:
 * alternating digit and letter segments, separators ignored, a numeric
 * segment beats an alphabetic one, `~` sorts before the end and `^` after it.
 */
export function compareRpm(a: string, b: string): Order {
  const x = splitEvr(a);
  const y = splitEvr(b);
  return (
    rpmvercmp(x.epoch, y.epoch) || rpmvercmp(x.version, y.version) || compareRelease(x.release, y.release)
  );
}

/** A version without a release sorts before the same version with one (1 < 1-0). */
function compareRelease(x: string | undefined, y: string | undefined): Order {
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? -1 : 1;
  return rpmvercmp(x, y);
}

/** Everything before the first colon is the epoch, compared like any segment (some feeds put names there). */
function splitEvr(evr: string): { epoch: string; version: string; release?: string } {
  let rest = evr.trim();
  let epoch = "0";
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    epoch = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf("-");
  if (hyphen < 0) return { epoch, version: rest };
  return { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) };
}

const isAlnum = (c: string | undefined) => isDigit(c) || isAlpha(c);

export function rpmvercmp(a: string, b: string): Order {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== "~" && a[i] !== "^") i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== "~" && b[j] !== "^") j++;
    if (a[i] === "~" || b[j] === "~") {
      if (a[i] !== "~") return 1;
      if (b[j] !== "~") return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === "^" || b[j] === "^") {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== "^") return 1;
      if (b[j] !== "^") return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const si = i;
    const sj = j;
    const numeric = isDigit(a[i]);
    const inSegment = numeric ? isDigit : isAlpha;
    while (i < a.length && inSegment(a[i])) i++;
    while (j < b.length && inSegment(b[j])) j++;
    // Segments of different kinds: the numeric one is newer.
    if (j === sj) return numeric ? 1 : -1;
    const order = numeric
      ? compareDigits(a.slice(si, i), b.slice(sj, j))
      : compareStrings(a.slice(si, i), b.slice(sj, j));
    if (order !== 0) return order;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i < a.length ? 1 : -1;
}

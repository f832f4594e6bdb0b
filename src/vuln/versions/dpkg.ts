import { compareDigits, isAlpha, isDigit, type Order, sign } from "./util.js";

/**
 * Debian package versions (deb-version(7)): [epoch:]upstream[-revision].
 * The revision is what follows the last hyphen; `~` sorts before anything,
 * even the end of the string, so 1.0~rc1 < 1.0.
 */
export function compareDpkg(a: string, b: string): Order {
  const x = splitDpkg(a);
  const y = splitDpkg(b);
  return (
    compareDigits(x.epoch, y.epoch) || verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision)
  );
}

function splitDpkg(version: string): { epoch: string; upstream: string; revision: string } {
  let rest = version.trim();
  let epoch = "0";
  const colon = rest.indexOf(":");
  if (colon > 0 && /^\d+$/.test(rest.slice(0, colon))) {
    epoch = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf("-");
  if (hyphen < 0) return { epoch, upstream: rest, revision: "" };
  return { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) };
}

/** The weight of one non-digit character: `~` lowest, then end of part, letters, then the rest. */
function weight(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0;
  if (isAlpha(c)) return c.charCodeAt(0);
  if (c === "~") return -1;
  return c.charCodeAt(0) + 256;
}

function verrevcmp(a: string, b: string): Order {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const diff = weight(a[i]) - weight(b[j]);
      if (diff !== 0) return sign(diff);
      i++;
      j++;
    }
    const si = i;
    const sj = j;
    while (isDigit(a[i])) i++;
    while (isDigit(b[j])) j++;
    const order = compareDigits(a.slice(si, i) || "0", b.slice(sj, j) || "0");
    if (order !== 0) return order;
  }
  return 0;
}

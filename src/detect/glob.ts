/**
 * fnmatch-style glob (`*`, `?`, `[...]`, `[!...]`) matched without regular expressions, so a
 * pattern with many stars cannot blow up: the classic two-pointer algorithm with one backtrack
 * point is O(pattern × text) in the worst case.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length) {
      const c = pattern.charAt(p);
      if (c === "*") {
        starP = p++;
        starT = t;
        continue;
      }
      if (c === "?") {
        p++;
        t++;
        continue;
      }
      if (c === "[") {
        const cls = matchClass(pattern, p, text.charAt(t));
        if (cls.end > 0 && cls.matched) {
          p = cls.end;
          t++;
          continue;
        }
        if (cls.end < 0 && text.charAt(t) === "[") {
          p++;
          t++;
          continue;
        }
      } else if (c === "\\" && p + 1 < pattern.length) {
        if (pattern.charAt(p + 1) === text.charAt(t)) {
          p += 2;
          t++;
          continue;
        }
      } else if (c === text.charAt(t)) {
        p++;
        t++;
        continue;
      }
    }
    if (starP < 0) return false;
    p = starP + 1;
    t = ++starT;
  }
  while (pattern.charAt(p) === "*") p++;
  return p === pattern.length;
}

/** end = index after `]`, or -1 when the bracket is not a valid class (then `[` is literal). */
function matchClass(pattern: string, start: number, ch: string): { matched: boolean; end: number } {
  let i = start + 1;
  const negate = pattern.charAt(i) === "!" || pattern.charAt(i) === "^";
  if (negate) i++;
  let matched = false;
  let first = true;
  while (i < pattern.length && (first || pattern.charAt(i) !== "]")) {
    first = false;
    const lo = pattern.charAt(i);
    if (pattern.charAt(i + 1) === "-" && i + 2 < pattern.length && pattern.charAt(i + 2) !== "]") {
      const hi = pattern.charAt(i + 2);
      if (ch >= lo && ch <= hi) matched = true;
      i += 3;
    } else {
      if (ch === lo) matched = true;
      i++;
    }
  }
  if (i >= pattern.length) return { matched: false, end: -1 };
  return { matched: matched !== negate, end: i + 1 };
}

import { compareDigits, type Order } from "./util.js";

/**
 * Versions made only of numbers: CRAN (separated by `.` or `-`) and Hackage
 * (`.`). Components compare as numbers; a longer version with an equal
 * prefix is newer.
 */
export function compareNumericParts(a: string, b: string, separators: RegExp): Order {
  const x = a.trim().split(separators);
  const y = b.trim().split(separators);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const order = compareDigits(p, q);
    if (order !== 0) return order;
  }
  return 0;
}

export const compareCran = (a: string, b: string): Order => compareNumericParts(a, b, /[.-]/);
export const compareHackage = (a: string, b: string): Order => compareNumericParts(a, b, /\./);

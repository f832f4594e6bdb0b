import { compareDigits, compareStrings, type Order } from "./util.js";

/**
 * Alpine apk versions: number{.number}[letter]{_suffix[N]}[~hash][-rN]
 * (apk-package(5)). Parsed into parts and compared part by part, with the
 * rules of the OSV ecosystem (the reference for advisory ranges):
 * - numbers after the first with a leading zero compare as text (1.01 < 1.1);
 * - a letter sorts after no letter;
 * - suffixes rank alpha < beta < pre < rc < (none) = cvs < svn < git < hg < p;
 * - a version with unparseable trailing text sorts below the same version
 *   without it; two unparseable versions compare as plain strings.
 */
interface ApkVersion {
  original: string;
  invalid: boolean;
  numbers: string[];
  letter: string;
  suffixes: { weight: number; number: string }[];
  build: string;
  remainder: string;
}

const SUFFIX_WEIGHT: Record<string, number> = {
  alpha: 0,
  beta: 1,
  pre: 2,
  rc: 3,
  cvs: 5,
  svn: 6,
  git: 7,
  hg: 8,
  p: 9,
};
/** The weight a missing suffix takes when the other version has one. */
const NO_SUFFIX = 5;

export function parseApk(version: string): ApkVersion {
  const v: ApkVersion = {
    original: version,
    invalid: false,
    numbers: [],
    letter: "",
    suffixes: [],
    build: "0",
    remainder: "",
  };
  let rest = version;
  const numbers = /^(?:\d+\.?)*/.exec(rest)?.[0] ?? "";
  if (numbers) {
    v.numbers = numbers.split(".");
    rest = rest.slice(numbers.length);
  }
  if (/^[a-z]/.test(rest)) {
    v.letter = rest[0] as string;
    rest = rest.slice(1);
  }
  for (const m of rest.matchAll(/_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/g)) {
    v.suffixes.push({ weight: SUFFIX_WEIGHT[m[1] as string] ?? NO_SUFFIX, number: m[2] || "0" });
    if (rest.startsWith(m[0])) rest = rest.slice(m[0].length);
  }
  const hash = /^~[0-9a-f]+/.exec(rest)?.[0];
  if (hash) rest = rest.slice(hash.length);
  if (rest) {
    const build = /^-r(\d*)/.exec(rest);
    if (build) {
      v.build = build[1] || "0";
      rest = rest.slice(build[0].length);
    } else v.invalid = true;
  }
  v.remainder = rest;
  return v;
}

function compareNumber(a: string, b: string, index: number): Order {
  if (index !== 0 && (a.startsWith("0") || b.startsWith("0"))) return compareStrings(a, b);
  return compareDigits(a || "0", b || "0");
}

export function compareApk(a: string, b: string): Order {
  const x = parseApk(a.trim());
  const y = parseApk(b.trim());
  if (x.invalid && y.invalid) return compareStrings(x.original, y.original);
  for (let i = 0; i < Math.max(x.numbers.length, y.numbers.length); i++) {
    const order = compareNumber(x.numbers[i] ?? "0", y.numbers[i] ?? "0", i);
    if (order !== 0) return order;
  }
  if (x.letter !== y.letter) {
    if (!x.letter) return -1;
    if (!y.letter) return 1;
    return compareStrings(x.letter, y.letter);
  }
  for (let i = 0; i < Math.max(x.suffixes.length, y.suffixes.length); i++) {
    const p = x.suffixes[i] ?? { weight: NO_SUFFIX, number: "0" };
    const q = y.suffixes[i] ?? { weight: NO_SUFFIX, number: "0" };
    if (p.weight !== q.weight) return p.weight < q.weight ? -1 : 1;
    const order = compareDigits(p.number, q.number);
    if (order !== 0) return order;
  }
  const build = compareDigits(x.build, y.build);
  if (build !== 0) return build;
  if (!x.remainder && y.remainder) return 1;
  if (x.remainder && !y.remainder) return -1;
  return 0;
}

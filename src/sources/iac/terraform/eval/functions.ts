/**
 * Terraform's built-in functions. A call whose arguments hold an unknown
 * returns an unknown, except for the structural functions (merge, concat,
 * lookup, length, …) that only need the outer shape of their arguments.
 * Functions whose result depends on the moment or on randomness (timestamp,
 * uuid, bcrypt) always return an unknown.
 */
import { createHash } from "node:crypto";
import { RE2JS } from "re2js";
import { stringify as yamlStringify } from "yaml";
import { isUnknown, unknown } from "../../../../model/index.js";
import {
  deepUnknown,
  firstUnknown,
  formatNumber,
  isObject,
  sortedKeys,
  TfEvalError,
  toBool,
  toList,
  toNum,
  toObject,
  toStr,
  typeName,
  type Value,
  valuesEqual,
} from "./values.js";
import { parseYamlValue } from "./yaml-value.js";

export interface FunctionHost {
  /** Reads a file for file()/templatefile(), relative to the module's folder, refusing paths outside the scan. */
  readFile(path: string): string;
  fileExists(path: string): boolean;
  /** Evaluates a template file's text with the given variables. */
  renderTemplate(text: string, vars: Record<string, Value>, file: string): Value;
  /** Lists files matching a glob under a folder, for fileset(). */
  listFiles(dir: string, pattern: string): string[];
}

type Fn = (args: Value[], host: FunctionHost) => Value;

interface FunctionDef {
  fn: Fn;
  /** Arity: [min, max]; max -1 for variadic. */
  arity: [number, number];
  /** Structural functions accept unknowns nested inside their arguments. */
  structural?: boolean;
}

const MAX_STRING = 10 * 1024 * 1024;
const MAX_LIST = 1_000_000;

const str = (v: Value, i: number) => toStr(v, `argument ${i + 1}`);
const num = (v: Value, i: number) => toNum(v, `argument ${i + 1}`);

function limitString(s: string): string {
  if (s.length > MAX_STRING) throw new TfEvalError(`result longer than ${MAX_STRING} characters`);
  return s;
}

function distinct(list: Value[]): Value[] {
  const out: Value[] = [];
  for (const item of list) if (!out.some((o) => valuesEqual(o, item))) out.push(item);
  return out;
}

function compile(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (error) {
    throw new TfEvalError(
      `invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`,
    );
  }
}

/** Terraform regex(): the match, a list of groups, or an object of named groups. */
function regexResult(m: ReturnType<RE2JS["matcher"]>): Value {
  const named = m.getNamedGroups();
  if (Object.keys(named).length > 0) return { ...named };
  const count = m.groupCount();
  if (count === 0) return m.group(0);
  return Array.from({ length: count }, (_, i) => m.group(i + 1));
}

function parseIp(cidr: string): { bits: number; addr: bigint; prefix: number } {
  const [ip, prefixText] = cidr.split("/");
  if (ip === undefined || prefixText === undefined || !/^\d+$/.test(prefixText))
    throw new TfEvalError(`invalid CIDR ${JSON.stringify(cidr)}`);
  const prefix = Number(prefixText);
  if (ip.includes(":")) {
    const halves = ip.split("::");
    if (halves.length > 2) throw new TfEvalError(`invalid IPv6 address ${ip}`);
    const head = halves[0] ? halves[0].split(":") : [];
    const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
    const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
    const groups = [...head, ...Array(fill).fill("0"), ...tail];
    if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g)))
      throw new TfEvalError(`invalid IPv6 address ${ip}`);
    const addr = groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
    if (prefix > 128) throw new TfEvalError(`invalid prefix length in ${cidr}`);
    return { bits: 128, addr, prefix };
  }
  const octets = ip.split(".");
  if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255))
    throw new TfEvalError(`invalid IPv4 address ${ip}`);
  if (prefix > 32) throw new TfEvalError(`invalid prefix length in ${cidr}`);
  return { bits: 32, addr: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n), prefix };
}

function formatIp(bits: number, addr: bigint): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((addr >> s) & 255n)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => ((addr >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as Go's net package prints it.
  let best = [-1, 0];
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > (best[1] as number) && j - i > 1) best = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if ((best[0] as number) < 0) return groups.join(":");
  const [start, len] = best as [number, number];
  return `${groups.slice(0, start).join(":")}::${groups.slice(start + len).join(":")}`;
}

function network(cidr: string): { bits: number; base: bigint; prefix: number } {
  const { bits, addr, prefix } = parseIp(cidr);
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
  return { bits, base: addr & mask, prefix };
}

function cidrsubnet(cidr: string, newbits: number, netnum: number): string {
  const { bits, base, prefix } = network(cidr);
  const newPrefix = prefix + newbits;
  if (newbits < 0 || newPrefix > bits)
    throw new TfEvalError(`cannot extend the prefix of ${cidr} by ${newbits} bits`);
  if (netnum < 0 || BigInt(netnum) >= 1n << BigInt(newbits))
    throw new TfEvalError(`netnum ${netnum} does not fit in ${newbits} bits`);
  const addr = base | (BigInt(netnum) << BigInt(bits - newPrefix));
  return `${formatIp(bits, addr)}/${newPrefix}`;
}

function cidrhost(cidr: string, hostnum: number): string {
  const { bits, base, prefix } = network(cidr);
  const size = 1n << BigInt(bits - prefix);
  let n = BigInt(hostnum);
  if (n < 0n) n += size;
  if (n < 0n || n >= size) throw new TfEvalError(`host number ${hostnum} does not fit in ${cidr}`);
  return formatIp(bits, base | n);
}

/** Go-style verbs of Terraform's format(): %s %d %f %q %v %t %x %X %o %b %e %%. */
function format(spec: string, args: Value[]): string {
  let next = 0;
  return spec.replace(
    /%([-+ #0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g,
    (_all, flags: string, width, precision, verb) => {
      if (verb === "%") return "%";
      if (next >= args.length)
        throw new TfEvalError(`format: not enough arguments for ${JSON.stringify(spec)}`);
      const arg = args[next++];
      let out: string;
      switch (verb) {
        case "s":
          out = toStr(arg, "format argument");
          break;
        case "v":
          out = typeof arg === "object" && arg !== null ? JSON.stringify(arg) : toStr(arg, "format argument");
          break;
        case "q":
          out = JSON.stringify(toStr(arg, "format argument"));
          break;
        case "d":
          out = formatNumber(Math.trunc(toNum(arg, "format argument")));
          break;
        case "f":
          out = toNum(arg, "format argument").toFixed(precision === undefined ? 6 : Number(precision));
          break;
        case "e":
          out = toNum(arg, "format argument").toExponential(precision === undefined ? 6 : Number(precision));
          break;
        case "t":
          out = String(toBool(arg, "format argument"));
          break;
        case "x":
        case "X": {
          const v =
            typeof arg === "string" ? Buffer.from(arg).toString("hex") : Math.trunc(toNum(arg)).toString(16);
          out = verb === "X" ? v.toUpperCase() : v;
          break;
        }
        case "o":
          out = Math.trunc(toNum(arg)).toString(8);
          break;
        case "b":
          out = Math.trunc(toNum(arg)).toString(2);
          break;
        default:
          throw new TfEvalError(`format: unsupported verb %${verb}`);
      }
      if (flags.includes("+") && (verb === "d" || verb === "f") && !out.startsWith("-")) out = `+${out}`;
      const w = width === undefined ? 0 : Number(width);
      if (out.length < w) {
        if (flags.includes("-")) out = out.padEnd(w);
        else out = out.padStart(w, flags.includes("0") && verb !== "s" ? "0" : " ");
      }
      return out;
    },
  );
}

function flatten(list: Value[], depth = 0): Value[] {
  if (depth > 64) throw new TfEvalError("flatten: list nested too deeply");
  const out: Value[] = [];
  for (const item of list) {
    if (Array.isArray(item)) out.push(...flatten(item, depth + 1));
    else out.push(item);
  }
  return out;
}

function hash(algorithm: string, encoding: "hex" | "base64"): Fn {
  return ([s]) => createHash(algorithm).update(str(s, 0)).digest(encoding);
}

function csvDecode(text: string): Value[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...data] = rows;
  if (!header) throw new TfEvalError("csvdecode: no header row");
  return data.map((r) => {
    if (r.length !== header.length) throw new TfEvalError("csvdecode: a row has the wrong number of fields");
    return Object.fromEntries(header.map((h, i) => [h, r[i] as string]));
  });
}

function globToRegExp(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*" && pattern[i + 1] === "*") {
      out += ".*";
      i++;
      if (pattern[i + 1] === "/") i++;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

export { globToRegExp };

const FUNCTIONS: Record<string, FunctionDef> = {
  // numeric
  abs: { arity: [1, 1], fn: ([n]) => Math.abs(num(n, 0)) },
  ceil: { arity: [1, 1], fn: ([n]) => Math.ceil(num(n, 0)) },
  floor: { arity: [1, 1], fn: ([n]) => Math.floor(num(n, 0)) },
  log: { arity: [2, 2], fn: ([n, b]) => Math.log(num(n, 0)) / Math.log(num(b, 1)) },
  max: { arity: [1, -1], fn: (args) => Math.max(...args.map(num)) },
  min: { arity: [1, -1], fn: (args) => Math.min(...args.map(num)) },
  pow: { arity: [2, 2], fn: ([a, b]) => num(a, 0) ** num(b, 1) },
  signum: { arity: [1, 1], fn: ([n]) => Math.sign(num(n, 0)) },
  parseint: {
    arity: [2, 2],
    fn: ([s, b]) => {
      const base = num(b, 1);
      const text = str(s, 0);
      const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, base);
      if (base < 2 || base > 36 || !new RegExp(`^[-+]?[${digits}]+$`, "i").test(text))
        throw new TfEvalError(`parseint: ${JSON.stringify(text)} is not a base-${base} integer`);
      return Number.parseInt(text, base);
    },
  },
  // strings
  chomp: { arity: [1, 1], fn: ([s]) => str(s, 0).replace(/(\r?\n)+$/, "") },
  format: { arity: [1, -1], fn: ([spec, ...rest]) => limitString(format(str(spec, 0), rest)) },
  formatlist: {
    arity: [1, -1],
    fn: ([spec, ...rest]) => {
      const lists = rest.filter(Array.isArray) as Value[][];
      const length = lists.length === 0 ? 1 : (lists[0] as Value[]).length;
      if (lists.some((l) => l.length !== length))
        throw new TfEvalError("formatlist: lists of different lengths");
      return Array.from({ length }, (_, i) =>
        format(
          str(spec, 0),
          rest.map((r) => (Array.isArray(r) ? r[i] : r)),
        ),
      );
    },
  },
  indent: {
    arity: [2, 2],
    fn: ([n, s]) => str(s, 1).replace(/\n/g, `\n${" ".repeat(Math.max(0, Math.min(1000, num(n, 0))))}`),
  },
  join: {
    arity: [2, -1],
    fn: ([sep, ...lists]) =>
      limitString(
        lists
          .flatMap((l) => toList(l, "join list"))
          .map((v) => toStr(v, "list element"))
          .join(str(sep, 0)),
      ),
  },
  lower: { arity: [1, 1], fn: ([s]) => str(s, 0).toLowerCase() },
  upper: { arity: [1, 1], fn: ([s]) => str(s, 0).toUpperCase() },
  title: { arity: [1, 1], fn: ([s]) => str(s, 0).replace(/\b\w/g, (c) => c.toUpperCase()) },
  regex: {
    arity: [2, 2],
    fn: ([p, s]) => {
      const re = compile(str(p, 0));
      const m = re.matcher(str(s, 1));
      if (!m.find()) throw new TfEvalError("regex: the pattern does not match");
      return regexResult(m);
    },
  },
  regexall: {
    arity: [2, 2],
    fn: ([p, s]) => {
      const re = compile(str(p, 0));
      const m = re.matcher(str(s, 1));
      const out: Value[] = [];
      while (m.find() && out.length < MAX_LIST) out.push(regexResult(m));
      return out;
    },
  },
  replace: {
    arity: [3, 3],
    fn: ([s, search, replacement]) => {
      const text = str(s, 0);
      const what = str(search, 1);
      const by = str(replacement, 2);
      if (what.length > 1 && what.startsWith("/") && what.endsWith("/"))
        return limitString(
          compile(what.slice(1, -1))
            .matcher(text)
            .replaceAll(by.replace(/\$\{(\d+)\}/g, "$$$1")),
        );
      return limitString(what === "" ? text : text.split(what).join(by));
    },
  },
  split: { arity: [2, 2], fn: ([sep, s]) => str(s, 1).split(str(sep, 0)) },
  strrev: { arity: [1, 1], fn: ([s]) => [...str(s, 0)].reverse().join("") },
  substr: {
    arity: [3, 3],
    fn: ([s, o, l]) => {
      const chars = [...str(s, 0)];
      let offset = num(o, 1);
      if (offset < 0) offset += chars.length;
      const length = num(l, 2);
      return chars.slice(offset, length < 0 ? undefined : offset + length).join("");
    },
  },
  trim: {
    arity: [2, 2],
    fn: ([s, cut]) => {
      const set = new Set([...str(cut, 1)]);
      const chars = [...str(s, 0)];
      let a = 0;
      let b = chars.length;
      while (a < b && set.has(chars[a] as string)) a++;
      while (b > a && set.has(chars[b - 1] as string)) b--;
      return chars.slice(a, b).join("");
    },
  },
  trimprefix: {
    arity: [2, 2],
    fn: ([s, p]) => (str(s, 0).startsWith(str(p, 1)) ? str(s, 0).slice(str(p, 1).length) : str(s, 0)),
  },
  trimsuffix: {
    arity: [2, 2],
    fn: ([s, p]) =>
      str(p, 1) !== "" && str(s, 0).endsWith(str(p, 1)) ? str(s, 0).slice(0, -str(p, 1).length) : str(s, 0),
  },
  trimspace: { arity: [1, 1], fn: ([s]) => str(s, 0).trim() },
  startswith: { arity: [2, 2], fn: ([s, p]) => str(s, 0).startsWith(str(p, 1)) },
  endswith: { arity: [2, 2], fn: ([s, p]) => str(s, 0).endsWith(str(p, 1)) },
  strcontains: { arity: [2, 2], fn: ([s, p]) => str(s, 0).includes(str(p, 1)) },
  // collections
  alltrue: { arity: [1, 1], fn: ([l]) => toList(l).every((v) => toBool(v)) },
  anytrue: { arity: [1, 1], fn: ([l]) => toList(l).some((v) => toBool(v)) },
  chunklist: {
    arity: [2, 2],
    structural: true,
    fn: ([l, n]) => {
      const list = toList(l);
      const size = num(n, 1);
      if (size <= 0) return [list];
      const out: Value[] = [];
      for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
      return out;
    },
  },
  coalesce: {
    arity: [1, -1],
    structural: true,
    fn: (args) => {
      for (const a of args) {
        if (isUnknown(a)) return a;
        if (a !== null && a !== "") return a;
      }
      throw new TfEvalError("coalesce: no non-null, non-empty argument");
    },
  },
  coalescelist: {
    arity: [1, -1],
    structural: true,
    fn: (args) => {
      for (const a of args) {
        if (isUnknown(a)) return a;
        if (toList(a).length > 0) return a;
      }
      throw new TfEvalError("coalescelist: no non-empty list");
    },
  },
  compact: { arity: [1, 1], fn: ([l]) => toList(l).filter((v) => v !== null && v !== "") },
  concat: {
    arity: [0, -1],
    structural: true,
    fn: (args) => {
      const u = firstUnknown(args);
      if (u) return u;
      return args.flatMap((a) => toList(a, "concat argument"));
    },
  },
  contains: { arity: [2, 2], fn: ([l, v]) => toList(l).some((x) => valuesEqual(x, v)) },
  distinct: { arity: [1, 1], fn: ([l]) => distinct(toList(l)) },
  element: {
    arity: [2, 2],
    structural: true,
    fn: ([l, i]) => {
      const list = toList(l);
      if (list.length === 0) throw new TfEvalError("element: the list is empty");
      const n = Math.floor(num(i, 1));
      return list[((n % list.length) + list.length) % list.length];
    },
  },
  flatten: { arity: [1, 1], structural: true, fn: ([l]) => flatten(toList(l)) },
  index: {
    arity: [2, 2],
    fn: ([l, v]) => {
      const i = toList(l).findIndex((x) => valuesEqual(x, v));
      if (i < 0) throw new TfEvalError("index: the value is not in the list");
      return i;
    },
  },
  keys: { arity: [1, 1], structural: true, fn: ([m]) => sortedKeys(toObject(m)) },
  values: {
    arity: [1, 1],
    structural: true,
    fn: ([m]) => sortedKeys(toObject(m)).map((k) => toObject(m)[k]),
  },
  length: {
    arity: [1, 1],
    structural: true,
    fn: ([v]) => {
      if (typeof v === "string") return [...v].length;
      if (Array.isArray(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      throw new TfEvalError(`length: a ${typeName(v)} has no length`);
    },
  },
  lookup: {
    arity: [2, 3],
    structural: true,
    fn: ([m, k, d]) => {
      const map = toObject(m);
      const key = str(k, 1);
      if (Object.hasOwn(map, key)) return map[key];
      if (d === undefined) throw new TfEvalError(`lookup: no key ${JSON.stringify(key)} and no default`);
      return d;
    },
  },
  matchkeys: {
    arity: [3, 3],
    fn: ([values, keys, search]) => {
      const v = toList(values);
      const k = toList(keys);
      const s = toList(search);
      if (v.length !== k.length) throw new TfEvalError("matchkeys: lists of different lengths");
      return v.filter((_, i) => s.some((x) => valuesEqual(x, k[i])));
    },
  },
  merge: {
    arity: [0, -1],
    structural: true,
    fn: (args) => {
      const u = firstUnknown(args);
      if (u) return u;
      return Object.assign({}, ...args.filter((a) => a !== null).map((a) => toObject(a, "merge argument")));
    },
  },
  one: {
    arity: [1, 1],
    structural: true,
    fn: ([l]) => {
      const list = toList(l);
      if (list.length > 1) throw new TfEvalError("one: the list has more than one element");
      return list.length === 0 ? null : list[0];
    },
  },
  range: {
    arity: [1, 3],
    fn: (args) => {
      const [start, limit, step] =
        args.length === 1
          ? [0, num(args[0], 0), 1]
          : [num(args[0], 0), num(args[1], 1), args[2] === undefined ? 1 : num(args[2], 2)];
      if (step === 0) throw new TfEvalError("range: step cannot be zero");
      const out: number[] = [];
      for (let i = start; step > 0 ? i < limit : i > limit; i += step) {
        out.push(i);
        if (out.length > MAX_LIST) throw new TfEvalError(`range: more than ${MAX_LIST} elements`);
      }
      return out;
    },
  },
  reverse: { arity: [1, 1], structural: true, fn: ([l]) => [...toList(l)].reverse() },
  setintersection: {
    arity: [1, -1],
    fn: (args) =>
      distinct(toList(args[0])).filter((x) =>
        args.slice(1).every((s) => toList(s).some((y) => valuesEqual(x, y))),
      ),
  },
  setproduct: {
    arity: [1, -1],
    fn: (args) =>
      args.reduce<Value[][]>(
        (acc, s) => {
          const next = acc.flatMap((prefix) => toList(s).map((x) => [...prefix, x]));
          if (next.length > MAX_LIST) throw new TfEvalError(`setproduct: more than ${MAX_LIST} elements`);
          return next;
        },
        [[]],
      ),
  },
  setsubtract: {
    arity: [2, 2],
    fn: ([a, b]) => distinct(toList(a)).filter((x) => !toList(b).some((y) => valuesEqual(x, y))),
  },
  setunion: { arity: [1, -1], fn: (args) => distinct(args.flatMap((a) => toList(a))) },
  slice: {
    arity: [3, 3],
    structural: true,
    fn: ([l, a, b]) => {
      const list = toList(l);
      const from = num(a, 1);
      const to = num(b, 2);
      if (from < 0 || to > list.length || from > to) throw new TfEvalError("slice: index out of range");
      return list.slice(from, to);
    },
  },
  sort: {
    arity: [1, 1],
    fn: ([l]) =>
      toList(l)
        .map((v) => toStr(v))
        .sort(),
  },
  sum: { arity: [1, 1], fn: ([l]) => toList(l).reduce<number>((acc, v) => acc + toNum(v), 0) },
  transpose: {
    arity: [1, 1],
    fn: ([m]) => {
      const out: Record<string, string[]> = {};
      for (const [k, list] of Object.entries(toObject(m)))
        for (const v of toList(list)) {
          const key = toStr(v);
          out[key] = [...(out[key] ?? []), k];
        }
      return out;
    },
  },
  zipmap: {
    arity: [2, 2],
    structural: true,
    fn: ([k, v]) => {
      const keys = toList(k);
      const values = toList(v);
      if (keys.length !== values.length) throw new TfEvalError("zipmap: lists of different lengths");
      if (firstUnknown(keys)) return firstUnknown(keys);
      return Object.fromEntries(keys.map((key, i) => [toStr(key), values[i]]));
    },
  },
  // encoding
  base64decode: { arity: [1, 1], fn: ([s]) => Buffer.from(str(s, 0), "base64").toString("utf8") },
  base64encode: { arity: [1, 1], fn: ([s]) => Buffer.from(str(s, 0), "utf8").toString("base64") },
  base64gzip: {
    arity: [1, 1],
    fn: () => unknown("base64gzip output is not reproduced by the scanner"),
  },
  csvdecode: { arity: [1, 1], fn: ([s]) => csvDecode(str(s, 0)) },
  jsondecode: {
    arity: [1, 1],
    fn: ([s]) => {
      try {
        return JSON.parse(str(s, 0)) as Value;
      } catch (error) {
        throw new TfEvalError(`jsondecode: ${(error as Error).message}`);
      }
    },
  },
  jsonencode: { arity: [1, 1], fn: ([v]) => limitString(JSON.stringify(v ?? null)) },
  urlencode: { arity: [1, 1], fn: ([s]) => encodeURIComponent(str(s, 0)).replace(/%20/g, "+") },
  yamldecode: { arity: [1, 1], fn: ([s]) => parseYamlValue(str(s, 0)) },
  yamlencode: { arity: [1, 1], fn: ([v]) => limitString(yamlStringify(v)) },
  textencodebase64: { arity: [2, 2], fn: ([s]) => Buffer.from(str(s, 0), "utf8").toString("base64") },
  textdecodebase64: { arity: [2, 2], fn: ([s]) => Buffer.from(str(s, 0), "base64").toString("utf8") },
  // filesystem
  abspath: { arity: [1, 1], fn: ([s]) => str(s, 0) },
  basename: { arity: [1, 1], fn: ([s]) => str(s, 0).replace(/\/+$/, "").split("/").pop() ?? "" },
  dirname: {
    arity: [1, 1],
    fn: ([s]) => {
      const p = str(s, 0);
      const i = p.lastIndexOf("/");
      return i < 0 ? "." : i === 0 ? "/" : p.slice(0, i);
    },
  },
  pathexpand: { arity: [1, 1], fn: ([s]) => str(s, 0) },
  file: { arity: [1, 1], fn: ([p], host) => host.readFile(str(p, 0)) },
  filebase64: { arity: [1, 1], fn: ([p], host) => Buffer.from(host.readFile(str(p, 0))).toString("base64") },
  fileexists: { arity: [1, 1], fn: ([p], host) => host.fileExists(str(p, 0)) },
  fileset: { arity: [2, 2], fn: ([d, p], host) => host.listFiles(str(d, 0), str(p, 1)) },
  filemd5: {
    arity: [1, 1],
    fn: ([p], host) =>
      createHash("md5")
        .update(host.readFile(str(p, 0)))
        .digest("hex"),
  },
  filesha256: {
    arity: [1, 1],
    fn: ([p], host) =>
      createHash("sha256")
        .update(host.readFile(str(p, 0)))
        .digest("hex"),
  },
  templatefile: {
    arity: [2, 2],
    fn: ([p, vars], host) => host.renderTemplate(host.readFile(str(p, 0)), toObject(vars), str(p, 0)),
  },
  // hashing and crypto
  md5: { arity: [1, 1], fn: hash("md5", "hex") },
  sha1: { arity: [1, 1], fn: hash("sha1", "hex") },
  sha256: { arity: [1, 1], fn: hash("sha256", "hex") },
  sha512: { arity: [1, 1], fn: hash("sha512", "hex") },
  base64sha256: { arity: [1, 1], fn: hash("sha256", "base64") },
  base64sha512: { arity: [1, 1], fn: hash("sha512", "base64") },
  uuid: { arity: [0, 0], fn: () => unknown("uuid() is random") },
  bcrypt: { arity: [1, 2], fn: () => unknown("bcrypt() is random") },
  timestamp: { arity: [0, 0], fn: () => unknown("timestamp() is known only at apply time") },
  plantimestamp: { arity: [0, 0], fn: () => unknown("plantimestamp() is known only at plan time") },
  // network
  cidrhost: { arity: [2, 2], fn: ([c, n]) => cidrhost(str(c, 0), num(n, 1)) },
  cidrnetmask: {
    arity: [1, 1],
    fn: ([c]) => {
      const { bits, prefix } = parseIp(str(c, 0));
      if (bits !== 32) throw new TfEvalError("cidrnetmask: only IPv4 prefixes have a netmask");
      return formatIp(32, ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - prefix)) - 1n));
    },
  },
  cidrsubnet: { arity: [3, 3], fn: ([c, b, n]) => cidrsubnet(str(c, 0), num(b, 1), num(n, 2)) },
  cidrsubnets: {
    arity: [1, -1],
    fn: ([c, ...newbits]) => {
      const prefix = str(c, 0);
      const { bits, base, prefix: length } = network(prefix);
      let next = base;
      return newbits.map((nb, i) => {
        const n = num(nb, i + 1);
        const size = 1n << BigInt(bits - length - n);
        next = ((next + size - 1n) / size) * size;
        const out = `${formatIp(bits, next)}/${length + n}`;
        next += size;
        return out;
      });
    },
  },
  // types
  tobool: { arity: [1, 1], fn: ([v]) => (v === null ? null : toBool(v)) },
  tonumber: { arity: [1, 1], fn: ([v]) => (v === null ? null : toNum(v)) },
  tostring: { arity: [1, 1], fn: ([v]) => (v === null ? null : toStr(v)) },
  tolist: { arity: [1, 1], structural: true, fn: ([v]) => toList(v) },
  toset: { arity: [1, 1], structural: true, fn: ([v]) => distinct(toList(v)) },
  tomap: { arity: [1, 1], structural: true, fn: ([v]) => toObject(v) },
  type: { arity: [1, 1], structural: true, fn: ([v]) => typeName(v) },
  sensitive: { arity: [1, 1], structural: true, fn: ([v]) => v },
  nonsensitive: { arity: [1, 1], structural: true, fn: ([v]) => v },
  issensitive: { arity: [1, 1], structural: true, fn: () => false },
};

export const FUNCTION_NAMES = Object.keys(FUNCTIONS).sort();

export function callFunction(name: string, args: Value[], host: FunctionHost): Value {
  const def = FUNCTIONS[name];
  if (!def) throw new TfEvalError(`function ${name}() is not supported by the scanner`);
  const [min, max] = def.arity;
  if (args.length < min || (max >= 0 && args.length > max))
    throw new TfEvalError(
      `${name}() takes ${max === min ? min : max < 0 ? `at least ${min}` : `${min} to ${max}`} arguments, got ${args.length}`,
    );
  // coalesce() looks at its arguments in order, so a later unknown does not matter.
  const inOrder = name === "coalesce" || name === "coalescelist";
  const u = inOrder
    ? undefined
    : def.structural
      ? firstUnknown(args)
      : args.map((a) => deepUnknown(a)).find((x) => x !== undefined);
  if (u) return u;
  return def.fn(args, host);
}

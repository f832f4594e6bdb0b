import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { RE2JS } from "re2js";
import { parseAllDocuments } from "yaml";
import type { Predicate } from "./compile.js";
import type { ExternalRule } from "./engine.js";
import { yamlFiles } from "./loader.js";
import type { DetectEvent, Priority } from "./types.js";

/**
 * Sigma rules compiled to predicates over the raw event. Sigma field names follow the log's own
 * JSON (CloudTrail, k8s audit) or a few taxonomy aliases (GCP, Azure) mapped below.
 */
export interface SigmaReport {
  total: number;
  rules: ExternalRule[];
  skipped: { file: string; reason: string }[];
}

const LOGSOURCES: { product: string; service: string; source: string }[] = [
  { product: "aws", service: "cloudtrail", source: "aws_cloudtrail" },
  { product: "azure", service: "activitylogs", source: "azure_activity" },
  { product: "gcp", service: "gcp.audit", source: "gcp_auditlog" },
  { product: "kubernetes", service: "audit", source: "k8s_audit" },
];

/** Sigma taxonomy names that are not JSON paths of the raw log. */
const ALIASES: Record<string, Record<string, string[][]>> = {
  azure_activity: {
    operationName: [["operationName", "value"], ["operationName"]],
    OperationNameValue: [["operationName", "value"], ["operationName"]],
    CategoryValue: [["category", "value"], ["category"]],
    ResourceProviderValue: [["resourceProviderName", "value"], ["resourceProviderName"]],
    ResourceId: [["resourceId"], ["ResourceId"]],
  },
  gcp_auditlog: {
    "gcp.audit.method_name": [["protoPayload", "methodName"]],
  },
  k8s_audit: {
    apiGroup: [["objectRef", "apiGroup"]],
    hostPath: [["requestObject", "spec", "volumes", "hostPath", "path"]],
    capabilities: [["requestObject", "spec", "containers", "securityContext", "capabilities", "add"]],
  },
};

const LEVELS: Record<string, Priority> = {
  informational: "INFORMATIONAL",
  low: "NOTICE",
  medium: "WARNING",
  high: "ERROR",
  critical: "CRITICAL",
};

class Unsupported extends Error {}

type Leaf = string | number | boolean | null;

/** Every value at a path; arrays on the way fan out. */
function valuesAt(node: unknown, path: string[]): unknown[] {
  if (path.length === 0) return Array.isArray(node) ? node : [node];
  if (Array.isArray(node)) return node.flatMap((n) => valuesAt(n, path));
  if (node === null || typeof node !== "object") return [];
  const [head, ...rest] = path as [string, ...string[]];
  if (!Object.hasOwn(node, head)) return [];
  return valuesAt((node as Record<string, unknown>)[head], rest);
}

function fieldPaths(source: string, name: string): string[][] {
  const alias = ALIASES[source]?.[name];
  if (alias) return alias;
  const stripped = source === "gcp_auditlog" && name.startsWith("data.") ? name.slice(5) : name;
  return [stripped.split(".")];
}

function resolveValues(event: DetectEvent, paths: string[][]): unknown[] {
  for (const path of paths) {
    const values = valuesAt(event.raw, path);
    if (values.length > 0) return values;
  }
  return [];
}

const asText = (v: unknown) =>
  typeof v === "string"
    ? v
    : v === null || v === undefined
      ? ""
      : typeof v === "object"
        ? JSON.stringify(v)
        : String(v);

/** Sigma wildcard (`*`, `?`, `\` escapes) to an RE2 pattern. */
function wildcardToRe2(value: string, prefix: boolean, suffix: boolean): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c === "\\" && i + 1 < value.length && "*?\\".includes(value.charAt(i + 1))) {
      out += RE2JS.quote(value.charAt(++i));
    } else if (c === "*") out += ".*";
    else if (c === "?") out += ".";
    else out += RE2JS.quote(c);
  }
  return `${prefix ? ".*" : ""}${out}${suffix ? ".*" : ""}`;
}

function base64Offsets(value: string): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from(`${" ".repeat(shift)}${value}`).toString("base64");
    const start = [0, 2, 3][shift] ?? 0;
    const endTrim = [0, 3, 2][(value.length + shift) % 3] ?? 0;
    out.push(encoded.slice(start, encoded.length - endTrim).replace(/=+$/, ""));
  }
  return out;
}

function ipv4ToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

function cidrTest(cidr: string): (v: string) => boolean {
  const [net, bitsText] = cidr.split("/");
  const base = ipv4ToInt(net ?? "");
  const bits = Number(bitsText ?? "32");
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32)
    throw new Unsupported(`cidr '${cidr}' is not an IPv4 CIDR`);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (v) => {
    const ip = ipv4ToInt(v);
    return ip !== undefined && (ip & mask) >>> 0 === (base & mask) >>> 0;
  };
}

function windashVariants(value: string): string[] {
  const out = new Set([value]);
  for (const dash of ["-", "/", "\u2013", "\u2014", "\u2015"])
    out.add(value.replace(/(^|\s)[-/]/g, `$1${dash}`));
  return [...out];
}

/** One `field|mod: value(s)` pair. */
function compileFieldMatch(source: string, key: string, raw: unknown): Predicate {
  const [name = "", ...mods] = key.split("|");
  const known = new Set([
    "contains",
    "startswith",
    "endswith",
    "all",
    "re",
    "cidr",
    "base64",
    "base64offset",
    "exists",
    "windash",
    "cased",
    "fieldref",
    "i",
    "m",
    "s",
  ]);
  for (const m of mods) if (!known.has(m)) throw new Unsupported(`modifier '${m}' is not supported`);
  const paths = fieldPaths(source, name);
  const values: Leaf[] = Array.isArray(raw) ? (raw as Leaf[]) : [raw as Leaf];
  if (mods.includes("exists")) {
    const want = values[0] === true || values[0] === "true";
    return (e) => resolveValues(e, paths).length > 0 === want;
  }
  if (mods.includes("fieldref")) {
    const others = values.map((v) => fieldPaths(source, String(v)));
    return (e) => {
      const mine = resolveValues(e, paths).map(asText);
      return others.some((o) => resolveValues(e, o).some((v) => mine.includes(asText(v))));
    };
  }
  const all = mods.includes("all");
  const tests = values.map((value): ((v: unknown) => boolean) => {
    if (value === null) return (v) => v === null || v === undefined || v === "";
    if (typeof value === "number" || typeof value === "boolean") {
      if (mods.some((m) => ["contains", "startswith", "endswith", "re"].includes(m)))
        return stringTest(String(value), mods);
      return (v) => asText(v) === String(value);
    }
    return stringTest(String(value), mods);
  });
  return (e) => {
    const found = resolveValues(e, paths);
    if (found.length === 0) return values.length === 1 && values[0] === null;
    const one = (t: (v: unknown) => boolean) => found.some(t);
    return all ? tests.every(one) : tests.some(one);
  };
}

function stringTest(value: string, mods: string[]): (v: unknown) => boolean {
  if (mods.includes("re")) {
    const flags =
      (mods.includes("i") ? RE2JS.CASE_INSENSITIVE : 0) |
      (mods.includes("m") ? RE2JS.MULTILINE : 0) |
      (mods.includes("s") ? RE2JS.DOTALL : 0);
    let re: ReturnType<typeof RE2JS.compile>;
    try {
      re = RE2JS.compile(value, flags);
    } catch (error) {
      throw new Unsupported(`regex not valid in RE2: ${(error as Error).message}`);
    }
    return (v) => re.matcher(asText(v)).find();
  }
  if (mods.includes("cidr")) {
    const test = cidrTest(value);
    return (v) => test(asText(v));
  }
  let variants = [value];
  if (mods.includes("windash")) variants = variants.flatMap(windashVariants);
  if (mods.includes("base64offset")) variants = variants.flatMap(base64Offsets);
  else if (mods.includes("base64")) variants = variants.map((v) => Buffer.from(v).toString("base64"));
  const contains = mods.includes("contains") || mods.includes("base64offset");
  const prefix = contains || mods.includes("endswith");
  const suffix = contains || mods.includes("startswith");
  const flags = mods.includes("cased") ? 0 : RE2JS.CASE_INSENSITIVE;
  const res = variants.map((v) => RE2JS.compile(wildcardToRe2(v, prefix, suffix), flags | RE2JS.DOTALL));
  return (v) => {
    const text = asText(v);
    return res.some((re) => re.matches(text));
  };
}

function compileSearch(source: string, value: unknown): Predicate {
  if (Array.isArray(value)) {
    if (value.every((v) => v !== null && typeof v === "object" && !Array.isArray(v))) {
      const alts = value.map((v) => compileSearch(source, v));
      return (e) => alts.some((a) => a(e));
    }
    if (value.every((v) => typeof v === "string" || typeof v === "number")) {
      // Keyword search: anywhere in the event.
      const tests = value.map((v) => stringTest(String(v), ["contains"]));
      return (e) => {
        const text = JSON.stringify(e.raw);
        return tests.some((t) => t(text));
      };
    }
    throw new Unsupported("search mixes maps and keywords");
  }
  if (value && typeof value === "object") {
    const parts = Object.entries(value).map(([k, v]) => compileFieldMatch(source, k, v));
    return (e) => parts.every((p) => p(e));
  }
  throw new Unsupported("search identifier is neither a map nor a list");
}

/** Sigma condition: and/or/not, parentheses, `1 of x*`, `all of them`. */
function compileSigmaCondition(condition: string, searches: Map<string, Predicate>): Predicate {
  if (condition.includes("|")) throw new Unsupported("aggregation conditions (| count …) are not supported");
  const tokens = condition.match(/\(|\)|[^\s()]+/g) ?? [];
  let p = 0;
  const pick = (pattern: string): Predicate[] => {
    if (pattern === "them") return [...searches.values()];
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    const found = [...searches.entries()].filter(([k]) => re.test(k)).map(([, v]) => v);
    if (found.length === 0) throw new Unsupported(`no search identifier matches '${pattern}'`);
    return found;
  };
  const or = (): Predicate => {
    const items = [and()];
    while (tokens[p] === "or") {
      p++;
      items.push(and());
    }
    return items.length === 1 ? (items[0] as Predicate) : (e) => items.some((i) => i(e));
  };
  const and = (): Predicate => {
    const items = [not()];
    while (tokens[p] === "and") {
      p++;
      items.push(not());
    }
    return items.length === 1 ? (items[0] as Predicate) : (e) => items.every((i) => i(e));
  };
  const not = (): Predicate => {
    if (tokens[p] === "not") {
      p++;
      const inner = not();
      return (e) => !inner(e);
    }
    return primary();
  };
  const primary = (): Predicate => {
    const t = tokens[p++];
    if (t === undefined) throw new Unsupported("condition ends early");
    if (t === "(") {
      const inner = or();
      if (tokens[p++] !== ")") throw new Unsupported("unbalanced parentheses in condition");
      return inner;
    }
    if ((t === "1" || t === "any" || t === "all") && tokens[p] === "of") {
      p++;
      const target = tokens[p++];
      if (!target) throw new Unsupported("'of' without a target");
      const items = pick(target);
      return t === "all" ? (e) => items.every((i) => i(e)) : (e) => items.some((i) => i(e));
    }
    const search = searches.get(t);
    if (!search) throw new Unsupported(`unknown search identifier '${t}'`);
    return search;
  };
  const result = or();
  if (p !== tokens.length) throw new Unsupported(`unexpected '${tokens[p]}' in condition`);
  return result;
}

export function compileSigmaRule(doc: Record<string, unknown>, file: string, line = 1): ExternalRule {
  const logsource = (doc.logsource ?? {}) as Record<string, unknown>;
  const target = LOGSOURCES.find((l) => l.product === logsource.product && l.service === logsource.service);
  if (!target)
    throw new Unsupported(
      `logsource ${logsource.product ?? "?"}/${logsource.service ?? "?"} has no Mamori source`,
    );
  const detection = doc.detection as Record<string, unknown> | undefined;
  if (!detection || typeof detection !== "object") throw new Unsupported("no detection section");
  if (detection.timeframe !== undefined) throw new Unsupported("timeframe (correlation) is not supported");
  const searches = new Map<string, Predicate>();
  for (const [name, value] of Object.entries(detection))
    if (name !== "condition") searches.set(name, compileSearch(target.source, value));
  const conditions = Array.isArray(detection.condition) ? detection.condition : [detection.condition];
  if (!conditions.every((c) => typeof c === "string")) throw new Unsupported("condition must be a string");
  const compiled = (conditions as string[]).map((c) => compileSigmaCondition(c, searches));
  const predicate: Predicate =
    compiled.length === 1 ? (compiled[0] as Predicate) : (e) => compiled.some((c) => c(e));
  const title = typeof doc.title === "string" ? doc.title : file;
  const tags = (Array.isArray(doc.tags) ? doc.tags.map(String) : []).map((t) => t.replace(/^attack\.t/, "T"));
  const author = typeof doc.author === "string" ? doc.author : undefined;
  return {
    name: `Sigma: ${title}`,
    desc: typeof doc.description === "string" ? doc.description.trim() : "",
    priority: LEVELS[String(doc.level)] ?? "WARNING",
    source: target.source,
    tags: ["sigma", ...tags],
    predicate,
    output: `Sigma rule "${title}" matched (author: ${author ?? "unknown"}; license: DRL-1.1)`,
    attribution: {
      author,
      license: "DRL-1.1",
      id: typeof doc.id === "string" ? doc.id : undefined,
      origin: file,
    },
    file,
    line,
  };
}

/** Compiles every Sigma rule under a folder; the ones that cannot run here are reported with why. */
export function loadSigmaDir(dir: string, base?: string): SigmaReport {
  const report: SigmaReport = { total: 0, rules: [], skipped: [] };
  const files = yamlFiles(dir).length > 0 ? yamlFiles(dir) : [dir];
  for (const path of files) {
    const file = base ? relative(base, path) : path;
    let docs: ReturnType<typeof parseAllDocuments>;
    try {
      const parsed = parseAllDocuments(readFileSync(path, "utf8"));
      docs = Array.isArray(parsed) ? parsed : [parsed];
    } catch (error) {
      report.total++;
      report.skipped.push({ file, reason: `cannot read: ${(error as Error).message}` });
      continue;
    }
    for (const doc of docs) {
      report.total++;
      if (doc.errors.length > 0) {
        report.skipped.push({ file, reason: `YAML error: ${doc.errors[0]?.message.split("\n")[0]}` });
        continue;
      }
      const value = doc.toJS({ maxAliasCount: 10 }) as Record<string, unknown> | null;
      if (!value || typeof value !== "object") continue;
      try {
        report.rules.push(compileSigmaRule(value, file));
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
        report.skipped.push({ file, reason: error.message });
      }
    }
  }
  return report;
}

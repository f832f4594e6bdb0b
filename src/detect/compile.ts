import { RE2JS } from "re2js";
import {
  BINARY_OPS,
  type ConditionNode,
  type FieldRef,
  LIST_OPS,
  type ListItem,
  type Transformer,
} from "./condition.js";
import type { FieldDef, SourceFields } from "./fields/common.js";
import { falcoOutputField } from "./fields/saas.js";
import { globMatch } from "./glob.js";
import type { DetectEvent, FieldType, FieldValue } from "./types.js";

export type Predicate = (event: DetectEvent) => boolean;
export type Extractor = (event: DetectEvent) => FieldValue;

export class CompileError extends Error {
  constructor(
    message: string,
    /** Offset in the condition text where the problem is, when known. */
    readonly pos?: number,
    /** Macro whose condition holds the problem, when it is not the rule's own text. */
    readonly macro?: string,
  ) {
    super(message);
  }
}

export interface CompileEnv {
  fields: SourceFields;
  macro(name: string): ConditionNode | undefined;
  /** Items of a list, flattened; undefined when no such list. */
  list(name: string): string[] | undefined;
  /** Every field the condition reads, reported once compiled. */
  onField?(name: string): void;
}

export interface ResolvedField {
  name: string;
  arg?: string;
  type: FieldType;
  extract: Extractor;
}

/** The field table entry for a name, or a dynamic one for Falco's own output (`proc.name`…). */
export function lookupField(fields: SourceFields, name: string): FieldDef | undefined {
  const known = fields.fields.get(name);
  if (known) return known;
  if (fields.dynamicPrefixes?.some((p) => name.startsWith(p)))
    return {
      name,
      type: "dynamic",
      arg: "key-optional",
      desc: "field of Falco's output_fields",
      extract: (e, arg) => falcoOutputField(e, arg === undefined ? name : `${name}[${arg}]`),
    };
  return undefined;
}

const fieldKey = (name: string, arg: string | undefined) => (arg === undefined ? name : `${name}[${arg}]`);

/** Extraction is on demand and cached per event, so a field used by many rules is read once. */
export function resolveField(ref: FieldRef, fields: SourceFields): ResolvedField {
  const def = lookupField(fields, ref.name);
  if (!def) throw new CompileError(`unknown field '${ref.name}' for source ${fields.source}`, ref.pos);
  if (def.arg === "required" && ref.arg === undefined)
    throw new CompileError(`field '${ref.name}' requires an argument in brackets`, ref.pos);
  if (def.arg === "none" && ref.arg !== undefined)
    throw new CompileError(`field '${ref.name}' takes no argument`, ref.pos);
  if (def.arg === "index" && ref.arg !== undefined && !/^\d+$/.test(ref.arg))
    throw new CompileError(`field '${ref.name}' takes a numeric index, got '${ref.arg}'`, ref.pos);
  const key = fieldKey(def.name, ref.arg);
  const arg = ref.arg;
  let extract: Extractor = (e) => {
    let cache = e.cache;
    if (!cache) {
      cache = new Map();
      e.cache = cache;
    } else if (cache.has(key)) return cache.get(key);
    const value = def.extract(e, arg);
    cache.set(key, value);
    return value;
  };
  let type: FieldType = def.type;
  for (const t of ref.transformers) {
    if (type === "uint64" || type === "bool")
      throw new CompileError(`transformer ${t}() needs a string field, '${ref.name}' is ${type}`, ref.pos);
    const inner = extract;
    const fn = TRANSFORM[t];
    extract = (e) => {
      const v = inner(e);
      if (v === undefined) return undefined;
      if (Array.isArray(v))
        return t === "len" ? v.length : (v.map((x) => fn(x)).filter((x) => x !== undefined) as string[]);
      return fn(typeof v === "string" ? v : String(v));
    };
    if (t === "len") type = "uint64";
  }
  return { name: ref.name, arg: ref.arg, type, extract };
}

const TRANSFORM: Record<Transformer, (s: string) => string | number | undefined> = {
  tolower: (s) => s.toLowerCase(),
  toupper: (s) => s.toUpperCase(),
  b64: (s) => {
    if (!/^[A-Za-z0-9+/=_-]*$/.test(s)) return undefined;
    return Buffer.from(s, "base64").toString("utf8");
  },
  basename: (s) => {
    const i = s.lastIndexOf("/");
    return i < 0 ? s : s.slice(i + 1);
  },
  len: (s) => s.length,
};

const NUMERIC_OPS = new Set(["=", "==", "!=", "<", "<=", ">", ">=", "in", "exists"]);

export interface Compiled {
  predicate: Predicate;
  /** Values of the source's index field the condition can only match on; null = any event. */
  index: Set<string> | null;
  /** Field names the condition reads (for output_fields and docs). */
}

export function compileCondition(ast: ConditionNode, env: CompileEnv): Compiled {
  const stack: string[] = [];
  function node(n: ConditionNode): Compiled {
    switch (n.kind) {
      case "const":
        return { predicate: n.value ? () => true : () => false, index: n.value ? null : new Set() };
      case "not": {
        const inner = node(n.item).predicate;
        return { predicate: (e) => !inner(e), index: null };
      }
      case "and": {
        const parts = n.items.map(node);
        const preds = parts.map((p) => p.predicate);
        let index = null as Set<string> | null;
        for (const p of parts) {
          const own = p.index;
          if (own) index = index ? new Set([...index].filter((v) => own.has(v))) : own;
        }
        return { predicate: andAll(preds), index };
      }
      case "or": {
        const parts = n.items.map(node);
        const preds = parts.map((p) => p.predicate);
        const index = parts.some((p) => p.index === null)
          ? null
          : new Set(parts.flatMap((p) => [...(p.index ?? new Set<string>())]));
        return { predicate: orAll(preds), index };
      }
      case "macro": {
        const body = env.macro(n.name);
        if (!body) throw new CompileError(`undefined macro '${n.name}'`, n.pos, stack.at(-1));
        if (stack.includes(n.name))
          throw new CompileError(`macro '${n.name}' refers to itself`, n.pos, stack.at(-1));
        stack.push(n.name);
        try {
          return node(body);
        } catch (error) {
          if (error instanceof CompileError && error.macro === undefined)
            throw new CompileError(error.message, error.pos, n.name);
          throw error;
        } finally {
          stack.pop();
        }
      }
      case "check":
        try {
          return check(n);
        } catch (error) {
          if (error instanceof CompileError && stack.length > 0 && error.macro === undefined)
            throw new CompileError(error.message, error.pos, stack.at(-1));
          throw error;
        }
    }
  }

  function expandItems(items: ListItem[]): string[] {
    const out: string[] = [];
    for (const item of items) {
      const listed = item.quoted ? undefined : env.list(item.text);
      if (listed) out.push(...listed);
      else out.push(item.text);
    }
    return out;
  }

  function check(n: Extract<ConditionNode, { kind: "check" }>): Compiled {
    const f = resolveField(n.field, env.fields);
    env.onField?.(f.name);
    const op = n.op === "==" ? "=" : n.op;
    if (f.type === "uint64" && !NUMERIC_OPS.has(op))
      throw new CompileError(`operator '${n.op}' is not supported on numeric field '${f.name}'`, n.pos);
    const get = f.extract;
    if (op === "exists") return { predicate: (e) => get(e) !== undefined, index: null };
    const value = n.value;
    if (!value) throw new CompileError(`operator '${n.op}' needs a value`, n.pos);
    const isIndex =
      env.fields.indexField === f.name && n.field.transformers.length === 0 && f.arg === undefined;

    if ((LIST_OPS as readonly string[]).includes(op)) {
      if (value.kind !== "list") throw new CompileError(`operator '${op}' needs a list`, n.pos);
      const items = expandItems(value.items);
      const numeric = f.type === "uint64";
      if (numeric) {
        const nums = items.map((s) => toNumber(s, f.name, n.pos));
        const set = new Set(nums);
        return { predicate: (e) => allOrAny(get(e), "in", (v) => set.has(Number(v))), index: null };
      }
      const set = new Set(items);
      if (op === "pmatch") {
        const prefixes = items.map((p) => (p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p));
        const under = (v: string) => prefixes.some((p) => v === p || v.startsWith(p === "/" ? p : `${p}/`));
        return { predicate: (e) => allOrAny(get(e), "any", (v) => under(str(v))), index: null };
      }
      if (op === "intersects")
        return { predicate: (e) => allOrAny(get(e), "any", (v) => set.has(str(v))), index: null };
      return {
        predicate: (e) => allOrAny(get(e), "in", (v) => set.has(str(v))),
        index: isIndex ? new Set(items) : null,
      };
    }
    if (!(BINARY_OPS as readonly string[]).includes(n.op))
      throw new CompileError(`unknown operator '${n.op}'`, n.pos);
    if (value.kind === "list")
      throw new CompileError(`operator '${n.op}' takes one value, not a list`, n.pos);

    if (value.kind === "field") {
      const other = resolveField(value.field, env.fields);
      const cmp = comparator(op, f.type === "uint64" || other.type === "uint64");
      return {
        predicate: (e) => {
          const rhs = other.extract(e);
          if (rhs === undefined || Array.isArray(rhs)) return false;
          return allOrAny(get(e), "any", (v) => cmp(v, rhs));
        },
        index: null,
      };
    }
    const raw = value.item.text;
    if (f.type === "uint64") {
      const num = toNumber(raw, f.name, n.pos);
      const cmp = comparator(op, true);
      return { predicate: (e) => allOrAny(get(e), "any", (v) => cmp(v, num)), index: null };
    }
    const test = stringTest(op, raw, n.pos, f.type === "dynamic");
    return {
      predicate: (e) => allOrAny(get(e), "any", test),
      index: isIndex && op === "=" ? new Set([raw]) : null,
    };
  }

  return node(ast);
}

function andAll(preds: Predicate[]): Predicate {
  if (preds.length === 2) {
    const [a, b] = preds as [Predicate, Predicate];
    return (e) => a(e) && b(e);
  }
  return (e) => {
    for (const p of preds) if (!p(e)) return false;
    return true;
  };
}

function orAll(preds: Predicate[]): Predicate {
  if (preds.length === 2) {
    const [a, b] = preds as [Predicate, Predicate];
    return (e) => a(e) || b(e);
  }
  return (e) => {
    for (const p of preds) if (p(e)) return true;
    return false;
  };
}

type Scalar = string | number | boolean;

/**
 * A missing value makes every comparison false. On a list field, `in` needs every element in
 * the set; every other operator matches when any element does (Falco's list semantics).
 */
function allOrAny(v: FieldValue, mode: "in" | "any", test: (v: Scalar) => boolean): boolean {
  if (v === undefined) return false;
  if (!Array.isArray(v)) return test(v);
  if (v.length === 0) return false;
  return mode === "in" ? v.every(test) : v.some(test);
}

const str = (v: Scalar) => (typeof v === "string" ? v : String(v));

function toNumber(text: string, field: string, pos: number): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n))
    throw new CompileError(`'${text}' is not a number, and field '${field}' is numeric`, pos);
  return n;
}

function comparator(op: string, numeric: boolean): (a: Scalar, b: Scalar) => boolean {
  const norm = (a: Scalar, b: Scalar): [number | string, number | string] => {
    if (numeric) return [Number(a), Number(b)];
    return [str(a), str(b)];
  };
  switch (op) {
    case "=":
      return (a, b) => {
        const [x, y] = norm(a, b);
        return x === y;
      };
    case "!=":
      return (a, b) => {
        const [x, y] = norm(a, b);
        return x !== y;
      };
    case "<":
      return (a, b) => {
        const [x, y] = norm(a, b);
        return x < y;
      };
    case "<=":
      return (a, b) => {
        const [x, y] = norm(a, b);
        return x <= y;
      };
    case ">":
      return (a, b) => {
        const [x, y] = norm(a, b);
        return x > y;
      };
    case ">=":
      return (a, b) => {
        const [x, y] = norm(a, b);
        return x >= y;
      };
    default:
      return (a, b) => stringTest(op, str(b), 0, false)(a);
  }
}

function hexBytes(text: string, pos: number): Buffer {
  const clean = text.replace(/\s+/g, "");
  if (!/^([0-9a-fA-F]{2})+$/.test(clean))
    throw new CompileError(`'${text}' is not a hex byte string (bcontains/bstartswith take hex)`, pos);
  return Buffer.from(clean, "hex");
}

/** A scalar test for one string operator; regexes compile once, with RE2 semantics. */
function stringTest(op: string, rhs: string, pos: number, dynamic: boolean): (v: Scalar) => boolean {
  switch (op) {
    case "=":
      return dynamic
        ? (v) => (typeof v === "number" ? v === Number(rhs) : str(v) === rhs)
        : (v) => str(v) === rhs;
    case "!=":
      return dynamic
        ? (v) => (typeof v === "number" ? v !== Number(rhs) : str(v) !== rhs)
        : (v) => str(v) !== rhs;
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const numeric = comparator(op, true);
      const lexical = comparator(op, false);
      const rhsIsNumber = rhs.trim() !== "" && Number.isFinite(Number(rhs));
      return (v) => (dynamic && typeof v === "number" && rhsIsNumber ? numeric(v, rhs) : lexical(v, rhs));
    }
    case "contains":
      return (v) => str(v).includes(rhs);
    case "icontains": {
      const lower = rhs.toLowerCase();
      return (v) => str(v).toLowerCase().includes(lower);
    }
    case "bcontains": {
      const bytes = hexBytes(rhs, pos);
      return (v) => Buffer.from(str(v), "utf8").includes(bytes);
    }
    case "bstartswith": {
      const bytes = hexBytes(rhs, pos);
      return (v) => {
        const b = Buffer.from(str(v), "utf8");
        return b.length >= bytes.length && b.subarray(0, bytes.length).equals(bytes);
      };
    }
    case "startswith":
      return (v) => str(v).startsWith(rhs);
    case "endswith":
      return (v) => str(v).endsWith(rhs);
    case "glob":
      return (v) => globMatch(rhs, str(v));
    case "iglob": {
      const lower = rhs.toLowerCase();
      return (v) => globMatch(lower, str(v).toLowerCase());
    }
    case "regex": {
      let re: ReturnType<typeof RE2JS.compile>;
      try {
        re = RE2JS.compile(rhs);
      } catch (error) {
        throw new CompileError(`invalid regex '${rhs}': ${(error as Error).message}`, pos);
      }
      // Falco's regex operator is RE2::FullMatch: the whole value must match.
      return (v) => re.matches(str(v));
    }
    default:
      throw new CompileError(`unknown operator '${op}'`, pos);
  }
}

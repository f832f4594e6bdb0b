import { containsUnknown, isUnknown, type Unknown, unknown } from "../../../model/index.js";

/** `Ref: AWS::NoValue` (and an `Fn::If` branch that yields it): the property is removed. */
export const NO_VALUE: unique symbol = Symbol("AWS::NoValue");

/** What intrinsic functions can see while a template is evaluated. */
export interface EvalContext {
  /** Parameter values (a default, or an unknown marker when there is none). */
  parameters: Map<string, unknown>;
  mappings: Record<string, unknown>;
  /** Condition name → true, false, or unknown. */
  condition(name: string): boolean | Unknown;
  /** What `Ref` of a resource's logical id gives; usually unknown until deployment. */
  refResource(logicalId: string): unknown;
  resourceExists(logicalId: string): boolean;
}

export class TemplateError extends Error {
  override name = "TemplateError";
}

const MAX_EVAL_DEPTH = 100;

/** Pseudo parameters whose value depends on the deployment: unknown at scan time. */
const PSEUDO_UNKNOWN = new Set([
  "AWS::AccountId",
  "AWS::Region",
  "AWS::StackId",
  "AWS::StackName",
  "AWS::NotificationARNs",
  "AWS::Partition",
  "AWS::URLSuffix",
]);

/**
 * Evaluates the intrinsic functions in `value`. Anything that depends on
 * what only a deployment knows (pseudo parameters, attributes of other
 * resources, imports, parameters without a default) becomes an unknown
 * marker, and a function with an unknown argument gives an unknown result,
 * so checks see "not known" rather than a guess.
 */
export function evaluate(value: unknown, ctx: EvalContext, depth = 0): unknown {
  if (depth > MAX_EVAL_DEPTH)
    throw new TemplateError(`intrinsic functions nested deeper than ${MAX_EVAL_DEPTH}`);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const evaluated = evaluate(item, ctx, depth + 1);
      if (evaluated !== NO_VALUE) out.push(evaluated);
    }
    return out;
  }
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1) {
    const name = keys[0] as string;
    if (name === "Ref" || name.startsWith("Fn::")) return callFunction(name, record[name], ctx, depth);
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const evaluated = evaluate(record[key], ctx, depth + 1);
    if (evaluated !== NO_VALUE) out[key] = evaluated;
  }
  return out;
}

function callFunction(name: string, arg: unknown, ctx: EvalContext, depth: number): unknown {
  const ev = (v: unknown) => evaluate(v, ctx, depth + 1);
  switch (name) {
    case "Ref":
      return ref(arg, ctx);
    case "Fn::GetAtt": {
      const parts = Array.isArray(arg) ? arg : typeof arg === "string" ? arg.split(".") : [];
      return unknown(`Fn::GetAtt ${parts.map(String).join(".")} is known after deployment`);
    }
    case "Fn::ImportValue":
      return unknown("Fn::ImportValue is resolved from another stack at deployment");
    case "Fn::GetAZs":
      return unknown("Fn::GetAZs depends on the deployment region");
    case "Fn::Cidr":
      return unknown("Fn::Cidr is not evaluated");
    case "Fn::Transform":
      return unknown("Fn::Transform runs a macro at deployment");
    case "Fn::Base64": {
      const v = ev(arg);
      if (isUnknown(v)) return v;
      return typeof v === "string" ? Buffer.from(v, "utf8").toString("base64") : invalid(name, arg);
    }
    case "Fn::Join": {
      const [separator, list] = expectArray(name, arg, 2);
      const sep = ev(separator);
      const items = ev(list);
      if (isUnknown(sep)) return sep;
      if (isUnknown(items)) return items;
      if (!Array.isArray(items)) return invalid(name, arg);
      const hole = items.find(isUnknown);
      if (hole) return unknown(`Fn::Join over an unknown value: ${(hole as Unknown).reason ?? ""}`.trim());
      return items.map(scalarText).join(String(sep));
    }
    case "Fn::Select": {
      const [index, list] = expectArray(name, arg, 2);
      const i = ev(index);
      const items = ev(list);
      if (isUnknown(i)) return i;
      if (isUnknown(items)) return items;
      if (!Array.isArray(items)) return invalid(name, arg);
      const n = Number(i);
      if (!Number.isInteger(n) || n < 0 || n >= items.length)
        throw new TemplateError(`Fn::Select index ${String(i)} is out of range`);
      return items[n];
    }
    case "Fn::Split": {
      const [separator, source] = expectArray(name, arg, 2);
      const sep = ev(separator);
      const text = ev(source);
      if (isUnknown(text)) return text;
      if (isUnknown(sep)) return sep;
      if (typeof text !== "string" || typeof sep !== "string") return invalid(name, arg);
      return text.split(sep);
    }
    case "Fn::Length": {
      const items = ev(arg);
      if (isUnknown(items)) return items;
      return Array.isArray(items) ? items.length : invalid(name, arg);
    }
    case "Fn::ToJsonString": {
      const v = ev(arg);
      return containsUnknown(v) ? unknown("Fn::ToJsonString over an unknown value") : JSON.stringify(v);
    }
    case "Fn::FindInMap":
      return findInMap(arg, ctx, ev);
    case "Fn::Sub":
      return sub(arg, ctx, ev);
    case "Fn::If": {
      const [conditionName, whenTrue, whenFalse] = expectArray(name, arg, 3);
      const condition = ctx.condition(String(conditionName));
      if (isUnknown(condition)) {
        const a = ev(whenTrue);
        const b = ev(whenFalse);
        // Both branches alike: the condition does not matter.
        return JSON.stringify(a) === JSON.stringify(b) && a !== NO_VALUE ? a : condition;
      }
      return ev(condition ? whenTrue : whenFalse);
    }
    case "Fn::Equals":
    case "Fn::Not":
    case "Fn::And":
    case "Fn::Or":
      return evaluateCondition({ [name]: arg }, ctx, depth + 1);
    default:
      throw new TemplateError(`unsupported intrinsic function ${name}`);
  }
}

function ref(arg: unknown, ctx: EvalContext): unknown {
  if (typeof arg !== "string") throw new TemplateError("Ref needs a name");
  if (arg === "AWS::NoValue") return NO_VALUE;
  if (PSEUDO_UNKNOWN.has(arg)) return unknown(`${arg} is known at deployment`);
  if (ctx.parameters.has(arg)) return ctx.parameters.get(arg);
  if (ctx.resourceExists(arg)) return ctx.refResource(arg);
  throw new TemplateError(`Ref to ${arg}, which is neither a parameter nor a resource`);
}

function findInMap(arg: unknown, ctx: EvalContext, ev: (v: unknown) => unknown): unknown {
  if (!Array.isArray(arg) || arg.length < 3) throw new TemplateError("Fn::FindInMap needs [map, key, key]");
  const [mapName, topKey, secondKey] = [ev(arg[0]), ev(arg[1]), ev(arg[2])];
  const fallback = arg[3] as { DefaultValue?: unknown } | undefined;
  for (const part of [mapName, topKey, secondKey]) if (isUnknown(part)) return part;
  const map = ctx.mappings[String(mapName)] as Record<string, Record<string, unknown>> | undefined;
  if (!map) throw new TemplateError(`Fn::FindInMap: no mapping named ${String(mapName)}`);
  const found = map[String(topKey)]?.[String(secondKey)];
  if (found !== undefined) return ev(found);
  if (fallback && typeof fallback === "object" && "DefaultValue" in fallback)
    return ev(fallback.DefaultValue);
  throw new TemplateError(
    `Fn::FindInMap: mapping ${String(mapName)} has no ${String(topKey)}.${String(secondKey)}`,
  );
}

function sub(arg: unknown, ctx: EvalContext, ev: (v: unknown) => unknown): unknown {
  let template: unknown = arg;
  const locals = new Map<string, unknown>();
  if (Array.isArray(arg)) {
    template = arg[0];
    const vars = arg[1];
    if (vars && typeof vars === "object")
      for (const [k, v] of Object.entries(vars as Record<string, unknown>)) locals.set(k, ev(v));
  }
  if (typeof template !== "string") throw new TemplateError("Fn::Sub needs a string");
  let holes: string | undefined;
  const text = template.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    if (inner.startsWith("!")) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    let value: unknown;
    if (locals.has(name)) value = locals.get(name);
    else if (name.includes(".") && !name.startsWith("AWS::"))
      value = unknown(`\${${name}} is an attribute known after deployment`);
    else value = ref(name, ctx);
    if (value === NO_VALUE) return "";
    if (isUnknown(value)) {
      holes ??= value.reason ?? name;
      return whole;
    }
    return scalarText(value);
  });
  return holes === undefined ? text : unknown(`Fn::Sub over an unknown value: ${holes}`);
}

/** Evaluates a condition expression to true, false or unknown. */
export function evaluateCondition(expr: unknown, ctx: EvalContext, depth = 0): boolean | Unknown {
  if (depth > MAX_EVAL_DEPTH) throw new TemplateError("conditions nested too deep");
  if (typeof expr === "boolean") return expr;
  if (expr === "true" || expr === "false") return expr === "true";
  if (expr === null || typeof expr !== "object" || Array.isArray(expr))
    throw new TemplateError(`invalid condition ${JSON.stringify(expr)}`);
  const [name, arg] = Object.entries(expr)[0] ?? [];
  const sub = (e: unknown) => evaluateCondition(e, ctx, depth + 1);
  switch (name) {
    case "Condition":
      return ctx.condition(String(arg));
    case "Fn::Equals": {
      const [a, b] = expectArray(name, arg, 2).map((v) => evaluate(v, ctx, depth + 1));
      if (isUnknown(a)) return a;
      if (isUnknown(b)) return b;
      if (containsUnknown(a) || containsUnknown(b)) return unknown("Fn::Equals over an unknown value");
      return JSON.stringify(normalizeScalar(a)) === JSON.stringify(normalizeScalar(b));
    }
    case "Fn::Not": {
      const [inner] = expectArray(name, arg, 1);
      const v = sub(inner);
      return isUnknown(v) ? v : !v;
    }
    case "Fn::And":
    case "Fn::Or": {
      const items = Array.isArray(arg) ? arg : invalid(name, arg);
      const values = (items as unknown[]).map(sub);
      const decisive = name !== "Fn::And";
      if (values.includes(decisive)) return decisive;
      const hole = values.find(isUnknown);
      return hole ?? !decisive;
    }
    default: {
      const v = evaluate(expr, ctx, depth + 1);
      if (isUnknown(v)) return v;
      if (typeof v === "boolean") return v;
      if (v === "true" || v === "false") return v === "true";
      throw new TemplateError(`invalid condition ${JSON.stringify(expr)}`);
    }
  }
}

function normalizeScalar(value: unknown): unknown {
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}

function scalarText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new TemplateError(`expected a string, found ${JSON.stringify(value)}`);
}

function expectArray(name: string, arg: unknown, length: number): unknown[] {
  if (!Array.isArray(arg) || arg.length < length)
    throw new TemplateError(`${name} needs a list of ${length} arguments`);
  return arg;
}

function invalid(name: string, arg: unknown): never {
  throw new TemplateError(`${name}: invalid argument ${JSON.stringify(arg).slice(0, 80)}`);
}

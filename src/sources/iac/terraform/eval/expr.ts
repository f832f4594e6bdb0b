/**
 * Evaluates HCL expressions to values. Unknown in, unknown out: every
 * operator, for-expression, splat and template propagates an unknown operand
 * instead of guessing, so an unresolved variable can never produce a value a
 * check would fail on.
 */
import { isUnknown } from "../../../../model/index.js";
import type { Expr, TemplatePart } from "../hcl/ast.js";
import { callFunction, type FunctionHost } from "./functions.js";
import {
  computedAttribute,
  deepUnknown,
  firstUnknown,
  isObject,
  Namespace,
  resourceObjectAddress,
  sortedKeys,
  TfEvalError,
  toBool,
  toNum,
  toStr,
  typeName,
  type Value,
  valuesEqual,
} from "./values.js";

const MAX_EVAL_DEPTH = 400;

export interface EvalHost extends FunctionHost {
  /** Resolves a root name (`var`, `local`, `aws_s3_bucket`, `each`, …) that no iterator binds. */
  root(name: string, expr: Expr): Value;
}

export class Scope {
  depth = 0;
  constructor(
    readonly host: EvalHost,
    private readonly bindings: Readonly<Record<string, Value>> = {},
    private readonly parent?: Scope,
  ) {}

  child(bindings: Record<string, Value>): Scope {
    const scope = new Scope(this.host, bindings, this);
    scope.depth = this.depth;
    return scope;
  }

  lookup(name: string, expr: Expr): Value {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent)
      if (Object.hasOwn(scope.bindings, name)) return scope.bindings[name];
    return this.host.root(name, expr);
  }
}

export function evaluate(expr: Expr, scope: Scope, splatItem?: Value): Value {
  if (++scope.depth > MAX_EVAL_DEPTH) {
    scope.depth--;
    throw new TfEvalError(
      `expression evaluation deeper than ${MAX_EVAL_DEPTH} levels`,
      expr.line,
      expr.column,
    );
  }
  try {
    return evaluateNode(expr, scope, splatItem);
  } catch (error) {
    if (error instanceof TfEvalError && error.line === undefined)
      throw new TfEvalError(error.message, expr.line, expr.column);
    throw error;
  } finally {
    scope.depth--;
  }
}

function evaluateNode(expr: Expr, scope: Scope, splatItem: Value): Value {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "paren":
      return evaluate(expr.expr, scope, splatItem);
    case "template":
      return evaluateTemplate(expr.parts, scope, true);
    case "variable":
      return scope.lookup(expr.name, expr);
    case "splat-item":
      return splatItem;
    case "getattr":
      return getAttr(evaluate(expr.object, scope, splatItem), expr.name);
    case "index": {
      const object = evaluate(expr.object, scope, splatItem);
      const key = evaluate(expr.key, scope, splatItem);
      return index(object, key);
    }
    case "splat": {
      const source = evaluate(expr.source, scope, splatItem);
      if (isUnknown(source)) return source;
      if (source === null) return [];
      const items = Array.isArray(source)
        ? source
        : isObject(source) && resourceObjectAddress(source) === undefined && !(source instanceof Namespace)
          ? Object.values(source)
          : [source];
      return items.map((item) => evaluate(expr.each, scope, item));
    }
    case "call": {
      if (expr.name === "try" || expr.name === "can") return evaluateCall(expr, scope);
      let args = expr.args.map((a) => evaluate(a, scope, splatItem));
      if (expr.expandFinal && args.length > 0) {
        const last = args[args.length - 1];
        if (isUnknown(last)) return last;
        if (!Array.isArray(last)) throw new TfEvalError(`the argument expanded with "..." must be a list`);
        args = [...args.slice(0, -1), ...last];
      }
      return callFunction(expr.name, args, scope.host);
    }
    case "tuple":
      return expr.items.map((item) => evaluate(item, scope, splatItem));
    case "object": {
      const out: Record<string, Value> = {};
      for (const item of expr.items) {
        const key =
          item.key.kind === "variable" ? item.key.name : evaluate(unparen(item.key), scope, splatItem);
        if (isUnknown(key)) return key;
        out[toStr(key, "object key")] = evaluate(item.value, scope, splatItem);
      }
      return out;
    }
    case "conditional": {
      const cond = evaluate(expr.cond, scope, splatItem);
      if (isUnknown(cond)) return cond;
      return toBool(cond, "condition")
        ? evaluate(expr.then, scope, splatItem)
        : evaluate(expr.else, scope, splatItem);
    }
    case "unary": {
      const operand = evaluate(expr.operand, scope, splatItem);
      if (isUnknown(operand)) return operand;
      return expr.op === "!" ? !toBool(operand, "operand of !") : -toNum(operand, "operand of -");
    }
    case "binary":
      return binary(expr.op, expr.left, expr.right, scope, splatItem);
    case "for":
      return evaluateFor(expr, scope, splatItem);
  }
}

function unparen(expr: Expr): Expr {
  return expr.kind === "paren" ? expr.expr : expr;
}

/** Special forms: try() and can() catch evaluation errors of their arguments. */
function evaluateCall(expr: Expr & { kind: "call" }, scope: Scope): Value {
  if (expr.name === "try") {
    for (const arg of expr.args) {
      try {
        const value = evaluate(arg, scope);
        if (deepUnknown(value)) return deepUnknown(value);
        return value;
      } catch (error) {
        if (!(error instanceof TfEvalError)) throw error;
      }
    }
    throw new TfEvalError("no argument of try() could be evaluated");
  }
  if (expr.name === "can") {
    if (expr.args.length !== 1) throw new TfEvalError("can() takes one argument");
    try {
      const value = evaluate(expr.args[0] as Expr, scope);
      return deepUnknown(value) ?? true;
    } catch (error) {
      if (!(error instanceof TfEvalError)) throw error;
      return false;
    }
  }
  throw new TfEvalError(`internal: ${expr.name} is not a special form`);
}

export function getAttr(object: Value, name: string): Value {
  if (isUnknown(object)) return object;
  if (object instanceof Namespace) return object.get(name);
  if (isObject(object)) {
    if (Object.hasOwn(object, name)) return object[name];
    const address = resourceObjectAddress(object);
    if (address !== undefined) return computedAttribute(object, address, name);
    throw new TfEvalError(`this object has no attribute "${name}"`);
  }
  if (object === null) throw new TfEvalError(`cannot read attribute "${name}" of null`);
  throw new TfEvalError(`cannot read attribute "${name}" of a ${typeName(object)}`);
}

export function index(object: Value, key: Value): Value {
  if (isUnknown(object)) return object;
  if (isUnknown(key)) return key;
  if (Array.isArray(object)) {
    const i = toNum(key, "index");
    if (!Number.isInteger(i) || i < 0 || i >= object.length)
      throw new TfEvalError(`index ${i} is out of range for a list of ${object.length}`);
    return object[i];
  }
  if (object instanceof Namespace) return object.get(toStr(key, "key"));
  if (isObject(object)) {
    const k = toStr(key, "key");
    if (Object.hasOwn(object, k)) return object[k];
    const address = resourceObjectAddress(object);
    if (address !== undefined) return computedAttribute(object, address, k);
    throw new TfEvalError(`the map has no element ${JSON.stringify(k)}`);
  }
  if (object === null) throw new TfEvalError("cannot index null");
  throw new TfEvalError(`cannot index a ${typeName(object)}`);
}

function binary(op: string, leftExpr: Expr, rightExpr: Expr, scope: Scope, splatItem: Value): Value {
  const left = evaluate(leftExpr, scope, splatItem);
  if (op === "&&" || op === "||") {
    // Short-circuit on a known deciding operand, so `false && var.unknown` is known.
    if (!isUnknown(left) && toBool(left, `left operand of ${op}`) === (op === "||")) return op === "||";
    const right = evaluate(rightExpr, scope, splatItem);
    if (!isUnknown(right) && toBool(right, `right operand of ${op}`) === (op === "||")) return op === "||";
    return firstUnknown([left, right]) ?? op === "&&";
  }
  const right = evaluate(rightExpr, scope, splatItem);
  if (op === "==" || op === "!=") {
    const u = deepUnknown(left) ?? deepUnknown(right);
    if (u) return u;
    return valuesEqual(left, right) === (op === "==");
  }
  const u = firstUnknown([left, right]);
  if (u) return u;
  const a = toNum(left, `left operand of ${op}`);
  const b = toNum(right, `right operand of ${op}`);
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      if (b === 0) throw new TfEvalError("division by zero");
      return a / b;
    case "%":
      if (b === 0) throw new TfEvalError("modulo by zero");
      return a % b;
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    case ">=":
      return a >= b;
  }
  throw new TfEvalError(`unknown operator ${op}`);
}

/** Pairs of (key, value) to iterate: lists by index, maps by sorted key. */
export function iterationPairs(collection: Value, what: string): [Value, Value][] {
  if (Array.isArray(collection)) return collection.map((v, i) => [i, v]);
  if (isObject(collection) && !(collection instanceof Namespace))
    return sortedKeys(collection).map((k) => [k, collection[k]]);
  throw new TfEvalError(`${what} must be a list, set or map, not a ${typeName(collection)}`);
}

function evaluateFor(expr: Expr & { kind: "for" }, scope: Scope, splatItem: Value): Value {
  const collection = evaluate(expr.collection, scope, splatItem);
  if (isUnknown(collection)) return collection;
  const pairs = iterationPairs(collection, "the for expression's collection");
  const list: Value[] = [];
  const object: Record<string, Value> = {};
  for (const [k, v] of pairs) {
    const bindings: Record<string, Value> = { [expr.valueVar]: v };
    if (expr.keyVar !== undefined) bindings[expr.keyVar] = k;
    const inner = scope.child(bindings);
    if (expr.cond) {
      const keep = evaluate(expr.cond, inner, splatItem);
      if (isUnknown(keep)) return keep;
      if (!toBool(keep, "the for expression's condition")) continue;
    }
    const value = evaluate(expr.valueExpr, inner, splatItem);
    if (!expr.keyExpr) {
      list.push(value);
      continue;
    }
    const key = evaluate(expr.keyExpr, inner, splatItem);
    if (isUnknown(key)) return key;
    const name = toStr(key, "the for expression's key");
    if (expr.grouping) {
      const group = Array.isArray(object[name]) ? (object[name] as Value[]) : [];
      group.push(value);
      object[name] = group;
    } else if (Object.hasOwn(object, name))
      throw new TfEvalError(
        `duplicate key ${JSON.stringify(name)} in the for expression (add "..." to group)`,
      );
    else object[name] = value;
  }
  return expr.keyExpr ? object : list;
}

export function evaluateTemplate(parts: TemplatePart[], scope: Scope, whole: boolean): Value {
  // "${x}" alone keeps x's type.
  const only = parts[0];
  if (whole && parts.length === 1 && only?.kind === "interp") return evaluate(only.expr, scope);
  let out = "";
  for (const part of parts) {
    if (part.kind === "text") out += part.text;
    else if (part.kind === "interp") {
      const value = evaluate(part.expr, scope);
      const u = deepUnknown(value);
      if (u) return u;
      out += toStr(value, "interpolated value");
    } else if (part.kind === "if") {
      const cond = evaluate(part.cond, scope);
      if (isUnknown(cond)) return cond;
      const chosen = evaluateTemplate(
        toBool(cond, "template condition") ? part.whenTrue : part.whenFalse,
        scope,
        false,
      );
      if (isUnknown(chosen)) return chosen;
      out += chosen as string;
    } else {
      const collection = evaluate(part.collection, scope);
      if (isUnknown(collection)) return collection;
      for (const [k, v] of iterationPairs(collection, "the template for's collection")) {
        const bindings: Record<string, Value> = { [part.valueVar]: v };
        if (part.keyVar !== undefined) bindings[part.keyVar] = k;
        const body = evaluateTemplate(part.body, scope.child(bindings), false);
        if (isUnknown(body)) return body;
        out += body as string;
      }
    }
  }
  return out;
}

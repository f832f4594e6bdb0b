import { containsUnknown, isUnknown, type Unknown, unknown } from "../../../model/index.js";

/**
 * ARM template expressions: `"[concat('a', parameters('p'))]"`. Parsed into a
 * small tree and evaluated against parameters, variables and copy indexes.
 * What only a deployment knows (subscription, resource group, `reference()`,
 * `uniqueString()`, `newGuid()`) evaluates to an unknown marker, and a
 * function of an unknown is unknown — so checks never fail on a guess.
 * Written by hand: no maintained JavaScript library evaluates ARM expressions.
 */
export class ExpressionError extends Error {
  override name = "ExpressionError";
}

export type Expr =
  | { kind: "literal"; value: string | number }
  | { kind: "call"; name: string; args: Expr[] }
  | { kind: "member"; target: Expr; property: Expr };

export interface ExpressionScope {
  parameter(name: string): unknown;
  variable(name: string): unknown;
  /** copyIndex(loop?) without the offset; throws outside a loop. */
  copyIndex(loop?: string): number;
}

const MAX_EXPRESSION_LENGTH = 64 * 1024;
const MAX_DEPTH = 64;

/** True when a JSON string is an expression (`[...]`, but not the `[[` escape). */
export function isExpression(text: string): boolean {
  return text.length >= 2 && text.startsWith("[") && text.endsWith("]") && !text.startsWith("[[");
}

/** Evaluates a string value of a template: an expression, an escaped literal, or plain text. */
export function evaluateString(text: string, scope: ExpressionScope): unknown {
  if (text.startsWith("[[")) return text.slice(1);
  if (!isExpression(text)) return text;
  return evaluateExpr(parseExpression(text.slice(1, -1)), scope);
}

// ------------------------------------------------------------------ parser

export function parseExpression(source: string): Expr {
  if (source.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError("expression too long");
  let pos = 0;
  const skip = () => {
    while (pos < source.length && /\s/.test(source[pos] as string)) pos++;
  };
  const expect = (c: string) => {
    skip();
    if (source[pos] !== c) throw new ExpressionError(`expected '${c}' at position ${pos + 1} of [${source}]`);
    pos++;
  };
  const parse = (depth: number): Expr => {
    if (depth > MAX_DEPTH) throw new ExpressionError("expression nested too deep");
    skip();
    let expr = primary(depth);
    for (;;) {
      skip();
      if (source[pos] === ".") {
        pos++;
        skip();
        const start = pos;
        while (pos < source.length && /[A-Za-z0-9_$]/.test(source[pos] as string)) pos++;
        if (start === pos) throw new ExpressionError(`expected a property name at position ${pos + 1}`);
        expr = {
          kind: "member",
          target: expr,
          property: { kind: "literal", value: source.slice(start, pos) },
        };
      } else if (source[pos] === "[") {
        pos++;
        const property = parse(depth + 1);
        expect("]");
        expr = { kind: "member", target: expr, property };
      } else return expr;
    }
  };
  const primary = (depth: number): Expr => {
    const c = source[pos];
    if (c === "'") {
      let out = "";
      pos++;
      for (;;) {
        if (pos >= source.length) throw new ExpressionError(`unterminated string in [${source}]`);
        if (source[pos] === "'") {
          if (source[pos + 1] === "'") {
            out += "'";
            pos += 2;
            continue;
          }
          pos++;
          return { kind: "literal", value: out };
        }
        out += source[pos];
        pos++;
      }
    }
    if (c !== undefined && /[-0-9]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(source.slice(pos));
      if (!match) throw new ExpressionError(`bad number at position ${pos + 1}`);
      pos += match[0].length;
      return { kind: "literal", value: Number(match[0]) };
    }
    const start = pos;
    while (pos < source.length && /[A-Za-z0-9_.]/.test(source[pos] as string)) pos++;
    if (start === pos)
      throw new ExpressionError(`unexpected '${c ?? "end"}' at position ${pos + 1} of [${source}]`);
    const name = source.slice(start, pos);
    expect("(");
    const args: Expr[] = [];
    skip();
    if (source[pos] === ")") pos++;
    else
      for (;;) {
        args.push(parse(depth + 1));
        skip();
        if (source[pos] === ",") {
          pos++;
          continue;
        }
        expect(")");
        break;
      }
    return { kind: "call", name, args };
  };
  const expr = parse(0);
  skip();
  if (pos !== source.length)
    throw new ExpressionError(`unexpected '${source[pos]}' at position ${pos + 1} of [${source}]`);
  return expr;
}

// --------------------------------------------------------------- evaluation

export function evaluateExpr(expr: Expr, scope: ExpressionScope): unknown {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "member": {
      const target = evaluateExpr(expr.target, scope);
      const property = evaluateExpr(expr.property, scope);
      if (isUnknown(target)) return target;
      if (isUnknown(property)) return property;
      if (target === null || typeof target !== "object")
        throw new ExpressionError(`cannot read '${String(property)}' of ${JSON.stringify(target)}`);
      const value = (target as Record<string | number, unknown>)[property as string | number];
      if (value === undefined) throw new ExpressionError(`the value has no property '${String(property)}'`);
      return value;
    }
    case "call":
      return call(expr.name.toLowerCase(), expr.args, scope);
  }
}

const deploymentOnly = (what: string) => unknown(`${what} is known at deployment`);

/** resourceGroup() and subscription(): objects whose every property is unknown. */
function opaqueObject(what: string, keys: string[]): Record<string, Unknown> {
  return Object.fromEntries(keys.map((k) => [k, deploymentOnly(`${what}.${k}`)]));
}

function call(name: string, argExprs: Expr[], scope: ExpressionScope): unknown {
  const lazy = (i: number) => {
    const e = argExprs[i];
    if (!e) throw new ExpressionError(`${name}() needs at least ${i + 1} arguments`);
    return evaluateExpr(e, scope);
  };
  // Functions that must not evaluate every argument first.
  switch (name) {
    case "if": {
      const condition = lazy(0);
      if (isUnknown(condition)) {
        const [a, b] = [lazy(1), lazy(2)];
        return JSON.stringify(a) === JSON.stringify(b) ? a : condition;
      }
      return truthy(condition, "if") ? lazy(1) : lazy(2);
    }
    case "coalesce": {
      for (let i = 0; i < argExprs.length; i++) {
        const v = lazy(i);
        if (isUnknown(v)) return v;
        if (v !== null && v !== undefined) return v;
      }
      return null;
    }
    case "and":
    case "or": {
      const decisive = name === "or";
      let hole: Unknown | undefined;
      for (let i = 0; i < argExprs.length; i++) {
        const v = lazy(i);
        if (isUnknown(v)) hole ??= v;
        else if (truthy(v, name) === decisive) return decisive;
      }
      return hole ?? !decisive;
    }
  }
  const args = argExprs.map((e) => evaluateExpr(e, scope));
  const arg = (i: number) => {
    if (i >= args.length) throw new ExpressionError(`${name}() needs at least ${i + 1} arguments`);
    return args[i];
  };
  // Deployment-dependent functions.
  switch (name) {
    case "resourcegroup":
      return opaqueObject("resourceGroup()", ["id", "name", "location", "type", "tags", "properties"]);
    case "subscription":
      return opaqueObject("subscription()", ["id", "subscriptionId", "tenantId", "displayName"]);
    case "tenant":
      return opaqueObject("tenant()", ["tenantId", "countryCode", "displayName"]);
    case "deployment":
      return opaqueObject("deployment()", ["name", "properties", "location"]);
    case "environment":
      return opaqueObject("environment()", ["name", "suffixes", "authentication", "resourceManager"]);
    case "reference":
    case "list":
    case "listkeys":
    case "listsecrets":
    case "listaccountsas":
    case "listservicesas":
    case "pickzones":
    case "newguid":
    case "utcnow":
      return deploymentOnly(`${name}()`);
    case "uniquestring":
      return deploymentOnly("uniqueString()");
    case "guid":
      return containsUnknown(args) ? deploymentOnly("guid() of an unknown") : deploymentOnly("guid()");
    case "parameters":
      return scope.parameter(String(arg(0)));
    case "variables":
      return scope.variable(String(arg(0)));
    case "copyindex": {
      const [first, second] = args;
      if (typeof first === "string") return scope.copyIndex(first) + Number(second ?? 0);
      return scope.copyIndex() + Number(first ?? 0);
    }
    case "resourceid":
    case "subscriptionresourceid":
    case "tenantresourceid":
    case "extensionresourceid":
      return resourceId(name, args);
  }
  // Everything below is a pure function of its arguments.
  const hole = args.find((a) => isUnknown(a));
  if (hole !== undefined && name !== "createobject" && name !== "createarray" && name !== "union")
    return hole;
  switch (name) {
    case "concat":
      if (args.every(Array.isArray)) return (args as unknown[][]).flat();
      if (args.some(containsUnknown)) return deploymentOnly("a concat() part");
      return args.map(text).join("");
    case "format":
      return format(String(arg(0)), args.slice(1));
    case "tolower":
      return String(arg(0)).toLowerCase();
    case "toupper":
      return String(arg(0)).toUpperCase();
    case "trim":
      return String(arg(0)).trim();
    case "replace":
      return String(arg(0))
        .split(String(arg(1)))
        .join(String(arg(2)));
    case "split": {
      const separators = Array.isArray(arg(1)) ? (arg(1) as string[]) : [String(arg(1))];
      return separators.reduce<string[]>(
        (parts, sep) => parts.flatMap((p) => p.split(sep)),
        [String(arg(0))],
      );
    }
    case "substring": {
      const s = String(arg(0));
      const start = Number(args[1] ?? 0);
      return args[2] === undefined ? s.slice(start) : s.substr(start, Number(args[2]));
    }
    case "startswith":
      return String(arg(0))
        .toLowerCase()
        .startsWith(String(arg(1)).toLowerCase());
    case "endswith":
      return String(arg(0))
        .toLowerCase()
        .endsWith(String(arg(1)).toLowerCase());
    case "indexof":
      return String(arg(0))
        .toLowerCase()
        .indexOf(String(arg(1)).toLowerCase());
    case "padleft":
      return String(arg(0)).padStart(Number(arg(1)), String(args[2] ?? " "));
    case "base64":
      return Buffer.from(String(arg(0)), "utf8").toString("base64");
    case "equals":
      return JSON.stringify(arg(0)) === JSON.stringify(arg(1));
    case "not":
      return !truthy(arg(0), "not");
    case "bool":
      return typeof arg(0) === "boolean" ? arg(0) : String(arg(0)).toLowerCase() === "true" || arg(0) === 1;
    case "true":
      return true;
    case "false":
      return false;
    case "null":
      return null;
    case "int": {
      const n = Number.parseInt(String(arg(0)), 10);
      if (Number.isNaN(n)) throw new ExpressionError(`int(): '${String(arg(0))}' is not a number`);
      return n;
    }
    case "string":
      return typeof arg(0) === "string" ? arg(0) : JSON.stringify(arg(0));
    case "json":
      try {
        return JSON.parse(String(arg(0)));
      } catch {
        throw new ExpressionError("json(): invalid JSON");
      }
    case "length": {
      const v = arg(0);
      if (typeof v === "string" || Array.isArray(v)) return v.length;
      if (v && typeof v === "object") return Object.keys(v).length;
      throw new ExpressionError("length() needs a string, array or object");
    }
    case "empty": {
      const v = arg(0);
      if (v === null || v === undefined) return true;
      if (typeof v === "string" || Array.isArray(v)) return v.length === 0;
      if (typeof v === "object") return Object.keys(v).length === 0;
      return false;
    }
    case "contains": {
      const [container, item] = [arg(0), arg(1)];
      if (typeof container === "string") return container.toLowerCase().includes(String(item).toLowerCase());
      if (Array.isArray(container)) return container.some((x) => JSON.stringify(x) === JSON.stringify(item));
      if (container && typeof container === "object")
        return Object.keys(container).some((k) => k.toLowerCase() === String(item).toLowerCase());
      return false;
    }
    case "first":
    case "last": {
      const v = arg(0);
      if (typeof v === "string") return name === "first" ? v.slice(0, 1) : v.slice(-1);
      if (Array.isArray(v)) return name === "first" ? v[0] : v[v.length - 1];
      throw new ExpressionError(`${name}() needs a string or array`);
    }
    case "skip":
    case "take": {
      const v = arg(0);
      const n = Number(arg(1));
      if (typeof v !== "string" && !Array.isArray(v))
        throw new ExpressionError(`${name}() needs a string or array`);
      return name === "skip" ? v.slice(n) : v.slice(0, n);
    }
    case "createarray":
      return args;
    case "createobject": {
      const out: Record<string, unknown> = {};
      for (let i = 0; i + 1 < args.length; i += 2) out[String(args[i])] = args[i + 1];
      return out;
    }
    case "union": {
      if (args.every(Array.isArray)) {
        const out: unknown[] = [];
        for (const item of (args as unknown[][]).flat())
          if (!out.some((x) => JSON.stringify(x) === JSON.stringify(item))) out.push(item);
        return out;
      }
      if (hole !== undefined) return hole;
      return Object.assign({}, ...args);
    }
    case "intersection": {
      if (args.every(Array.isArray))
        return (args[0] as unknown[]).filter((x) =>
          (args.slice(1) as unknown[][]).every((a) => a.some((y) => JSON.stringify(x) === JSON.stringify(y))),
        );
      throw new ExpressionError("intersection() supports arrays only");
    }
    case "range":
      return Array.from({ length: Number(arg(1)) }, (_, i) => Number(arg(0)) + i);
    case "min":
    case "max": {
      const values = (Array.isArray(args[0]) ? args[0] : args).map(Number);
      return name === "min" ? Math.min(...values) : Math.max(...values);
    }
    case "add":
      return Number(arg(0)) + Number(arg(1));
    case "sub":
      return Number(arg(0)) - Number(arg(1));
    case "mul":
      return Number(arg(0)) * Number(arg(1));
    case "div":
      return Math.trunc(Number(arg(0)) / Number(arg(1)));
    case "mod":
      return Number(arg(0)) % Number(arg(1));
    case "less":
      return (arg(0) as number) < (arg(1) as number);
    case "lessorequals":
      return (arg(0) as number) <= (arg(1) as number);
    case "greater":
      return (arg(0) as number) > (arg(1) as number);
    case "greaterorequals":
      return (arg(0) as number) >= (arg(1) as number);
    case "uri":
      return new URL(String(arg(1)), String(arg(0))).toString();
    case "lastindexof":
      return String(arg(0))
        .toLowerCase()
        .lastIndexOf(String(arg(1)).toLowerCase());
    default:
      throw new ExpressionError(`unsupported template function ${name}()`);
  }
}

/** `resourceId([subscriptionId], [resourceGroup], type, name1, name2…)`; missing scope parts are unknown placeholders. */
function resourceId(kind: string, args: unknown[]): unknown {
  if (args.some(isUnknown)) return deploymentOnly(`${kind}() of an unknown name`);
  const strings = args.map(text);
  const typeIndex = strings.findIndex((s) => /^[A-Za-z0-9]+\.[A-Za-z0-9.]+\//.test(s));
  if (typeIndex === -1)
    throw new ExpressionError(`${kind}() needs a resource type such as Microsoft.Storage/storageAccounts`);
  const type = strings[typeIndex] as string;
  const names = strings.slice(typeIndex + 1);
  const typeParts = type.split("/");
  const provider = typeParts[0] as string;
  const path = typeParts
    .slice(1)
    .map((segment, i) => `${segment}/${names[i] ?? ""}`)
    .join("/");
  const scope = strings.slice(0, typeIndex);
  if (kind === "tenantresourceid") return `/providers/${provider}/${path}`;
  const subscription =
    scope.length >= (kind === "subscriptionresourceid" ? 1 : 2) ? scope[0] : "{subscription}";
  if (kind === "subscriptionresourceid")
    return `/subscriptions/${subscription}/providers/${provider}/${path}`;
  const group = scope.length >= 1 ? scope[scope.length - 1] : "{resourceGroup}";
  return `/subscriptions/${subscription}/resourceGroups/${group}/providers/${provider}/${path}`;
}

function format(template: string, args: unknown[]): string {
  return template.replace(/\{(\d+)(?::[^}]*)?\}/g, (_, i: string) => text(args[Number(i)]));
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "";
  return JSON.stringify(value);
}

function truthy(value: unknown, fn: string): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "True") return true;
  if (value === "false" || value === "False") return false;
  throw new ExpressionError(`${fn}() needs a boolean, got ${JSON.stringify(value)}`);
}

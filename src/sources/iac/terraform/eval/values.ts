/**
 * Terraform values as plain JSON-like data: strings, numbers, booleans, null,
 * arrays (lists, tuples and sets), objects (maps and objects) and the unknown
 * marker of src/model/unknown.ts. Unknowns are propagated by every operation.
 */
import { isUnknown, type Unknown, unknown } from "../../../../model/index.js";

export type Value = unknown;

/** An evaluation problem: the attribute becomes unknown and a note names the position. */
export class TfEvalError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = "TfEvalError";
  }
}

/**
 * Unknowns that stand for an attribute of another resource remember that
 * resource's address, so a companion (`bucket = aws_s3_bucket.b.id`) can be
 * joined to its parent even though the id itself is only known after apply.
 */
// Symbol-keyed properties: invisible to JSON, Object.keys and for-in, and far
// cheaper for the garbage collector than WeakMaps over tens of thousands of objects.
const ORIGIN: unique symbol = Symbol("mamori.terraform.origin");
const RESOURCE: unique symbol = Symbol("mamori.terraform.resource");

export function computedUnknown(address: string, attribute: string): Unknown {
  const value = unknown(`${address}.${attribute} is known only after apply`) as Unknown & {
    [ORIGIN]?: string;
  };
  value[ORIGIN] = address;
  return value;
}

export function unknownOrigin(value: unknown): string | undefined {
  return typeof value === "object" && value !== null ? (value as { [ORIGIN]?: string })[ORIGIN] : undefined;
}

/** Resource instance objects: reading an attribute they do not set gives a computed unknown. */
export function markResourceObject(value: Record<string, Value>, address: string): Record<string, Value> {
  (value as { [RESOURCE]?: string })[RESOURCE] = address;
  return value;
}

export function resourceObjectAddress(value: unknown): string | undefined {
  return typeof value === "object" && value !== null
    ? (value as { [RESOURCE]?: string })[RESOURCE]
    : undefined;
}

/** The resource type of an address: `module.a["k"].aws_s3_bucket.b[0]` → `aws_s3_bucket`. */
function addressType(address: string): string {
  const parts = address.replace(/\[[^\]]*\]/g, "").split(".");
  return parts[parts.length - 2] ?? "";
}

/**
 * A computed attribute Terraform will know after apply but that follows
 * from the configuration alone: an S3 bucket's id is its name and its ARN
 * is `arn:aws:s3:::NAME`, so policies that name `aws_s3_bucket.b.arn`
 * stay known. Everything else is a computed unknown.
 */
export function computedAttribute(object: Record<string, Value>, address: string, name: string): Value {
  if (addressType(address) === "aws_s3_bucket" && typeof object.bucket === "string") {
    if (name === "id") return object.bucket;
    if (name === "arn") return `arn:aws:s3:::${object.bucket}`;
  }
  return computedUnknown(address, name);
}

/** A lazily resolved namespace (`local`, `module.x`, `aws_s3_bucket`, `data.x`): only `.name` reads it. */
export class Namespace {
  constructor(
    readonly description: string,
    readonly get: (name: string) => Value,
  ) {}
}

export function isObject(value: unknown): value is Record<string, Value> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isUnknown(value);
}

export function typeName(value: Value): string {
  if (value === null) return "null";
  if (isUnknown(value)) return "unknown";
  if (Array.isArray(value)) return "list";
  if (value instanceof Namespace) return value.description;
  if (typeof value === "object") return "object";
  return typeof value;
}

/** Terraform's automatic conversion to string (templates, string arguments). */
export function toStr(value: Value, what = "value"): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null) throw new TfEvalError(`${what} is null where a string is required`);
  throw new TfEvalError(`${what} is a ${typeName(value)} where a string is required`);
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

export function toNum(value: Value, what = "value"): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  throw new TfEvalError(`${what} ${JSON.stringify(value)} is not a number`);
}

export function toBool(value: Value, what = "value"): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new TfEvalError(`${what} ${JSON.stringify(value)} is not a bool`);
}

export function toList(value: Value, what = "value"): Value[] {
  if (Array.isArray(value)) return value;
  if (isObject(value) && !(value instanceof Namespace)) return Object.values(value);
  throw new TfEvalError(`${what} is a ${typeName(value)} where a list is required`);
}

export function toObject(value: Value, what = "value"): Record<string, Value> {
  if (isObject(value) && !(value instanceof Namespace)) return value;
  throw new TfEvalError(`${what} is a ${typeName(value)} where a map or object is required`);
}

export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every((k) => valuesEqual((a as Record<string, Value>)[k], (b as Record<string, Value>)[k]))
  );
}

/** Keys of an object in Terraform's iteration order (lexical). */
export function sortedKeys(value: Record<string, Value>): string[] {
  return Object.keys(value).sort();
}

/** The first unknown found at the top level of the values, for propagation. */
export function firstUnknown(values: readonly Value[]): Unknown | undefined {
  for (const value of values) if (isUnknown(value)) return value;
  return undefined;
}

/** Any unknown anywhere inside; Namespaces count as unknown when a whole value is needed. */
export function deepUnknown(value: Value, depth = 0): Unknown | undefined {
  if (isUnknown(value)) return value;
  if (value instanceof Namespace) return unknown(`${value.description} used as a whole value`);
  if (depth > 64 || typeof value !== "object" || value === null) return undefined;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    const found = deepUnknown(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function holdsNamespace(value: Value, depth: number): boolean {
  if (value instanceof Namespace) return true;
  if (depth > 64 || typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) {
    for (const child of value) if (holdsNamespace(child, depth + 1)) return true;
    return false;
  }
  for (const key in value) if (holdsNamespace((value as Record<string, Value>)[key], depth + 1)) return true;
  return false;
}

/** Replaces Namespaces (module outputs, resource types used whole) by unknowns, for output to resources. */
export function settle(value: Value): Value {
  // Most values hold no Namespace: return them as they are instead of copying.
  return holdsNamespace(value, 0) ? settleCopy(value, 0) : value;
}

function settleCopy(value: Value, depth: number): Value {
  if (value instanceof Namespace) return unknown(`${value.description} used as a whole value`);
  if (depth > 64 || typeof value !== "object" || value === null || isUnknown(value)) return value;
  if (Array.isArray(value)) return value.map((v) => settleCopy(v, depth + 1));
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(value)) out[k] = settleCopy(v, depth + 1);
  const address = resourceObjectAddress(value);
  return address === undefined ? out : markResourceObject(out, address);
}

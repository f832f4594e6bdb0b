import { createHash } from "node:crypto";
import type { Resource } from "../model/index.js";

/** Characters PostgreSQL cannot store in text or jsonb: NUL and unpaired surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what must be found.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function storable(value: string): string {
  return value.replace(UNSTORABLE, "\uFFFD");
}

/** JSON text for a `$n::jsonb` parameter, with strings PostgreSQL would refuse made storable. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? storable(v) : v));
}

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) out[key] = sortKeys(child);
  }
  return out;
}

/**
 * Hash of what a resource is, not of where it was read from: the provenance
 * (collection time, file lines) is left out, so re-reading an unchanged
 * resource gives the same hash.
 */
export function contentHash(resource: Resource): string {
  const content = {
    provider: resource.provider,
    account: resource.account ?? null,
    region: resource.region ?? null,
    name: resource.name,
    tags: resource.tags,
    properties: resource.properties,
  };
  return createHash("sha256")
    .update(storable(canonicalJson(content)))
    .digest("hex");
}

/** A timestamptz column as ISO 8601 text. */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

export function isoOrUndefined(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : iso(value);
}

export function stringOrUndefined(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

/** Splits `items` into slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

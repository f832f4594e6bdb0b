import type { LineRange, Resource } from "../../../../model/index.js";
import { isUnknown, unknown } from "../../../../model/index.js";
import type { TfResourceInput } from "./input.js";

export type TfFormatName = "terraform" | "terraform-plan";

/** One canonical type built from a Terraform parent resource type and its companions. */
export interface TfMapper {
  canonicalType: string;
  /** Terraform types that make one canonical resource each. */
  parentTypes: string[];
  /** Terraform types joined into a parent; each names the attribute that points at the parent. */
  companions: Record<string, string>;
  /** Values of the parent that a companion's link attribute may hold literally (name, id). */
  linkKeys(parent: TfResourceInput): unknown[];
  build(
    parent: TfResourceInput,
    companions: Companions,
    props: PropertyLines,
    config: TfConfiguration,
  ): Omit<Resource, "provenance" | "id" | "provider">;
}

/** The whole configuration, for facts that sit in resources a parent refers to (not companions). */
export interface TfConfiguration {
  /** The resource an attribute of `from` refers to, when it is one of `types` in this configuration. */
  referenced(from: TfResourceInput, attribute: string, types: readonly string[]): TfResourceInput | undefined;
  /** Every instance of a Terraform type. */
  ofType(type: string): readonly TfResourceInput[];
}

export type Companions = Map<string, TfResourceInput[]>;

/** Lines of canonical properties, kept only when the source attribute is in the parent's own file. */
export class PropertyLines {
  readonly lines: Record<string, LineRange> = {};
  constructor(private readonly parent: TfResourceInput) {}

  add(path: string, from: TfResourceInput, sourcePath?: string): void {
    if (from.file !== this.parent.file) return;
    const range = sourcePath === undefined ? from.range : from.lines[sourcePath];
    if (range && this.lines[path] === undefined) this.lines[path] = range;
  }
}

export function first(value: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(value)) value = value[0];
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isUnknown(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A boolean attribute: unknown stays unknown, absent is Terraform's default. */
export function bool(value: unknown, fallback = false): unknown {
  if (isUnknown(value)) return value;
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return fallback;
}

export function stringList(value: unknown): unknown {
  if (isUnknown(value)) return value;
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function port(value: unknown): unknown {
  if (isUnknown(value)) return value;
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

export function stringTags(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !isUnknown(value))
    for (const [k, v] of Object.entries(value)) if (typeof v === "string") tags[k] = v;
  return tags;
}

export function nameOf(parent: TfResourceInput, attribute: string): string {
  const value = parent.values[attribute];
  return typeof value === "string" && value !== "" ? value : parent.address;
}

export function unknownIfMissing(value: unknown, reason: string): unknown {
  return value === undefined ? unknown(reason) : value;
}

/**
 * Copies attributes to canonical properties with Terraform's defaults for
 * absent ones, recording each property's line: `[canonical, attribute path,
 * default, convert]`. Unknowns pass through unconverted.
 */
export type FieldSpec = [
  canonical: string,
  attribute: string,
  fallback?: unknown,
  convert?: (v: unknown) => unknown,
];

export function fields(
  source: TfResourceInput,
  props: PropertyLines,
  specs: FieldSpec[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [canonical, attribute, fallback, convert] of specs) {
    let value: unknown = source.values;
    for (const part of attribute.split(".")) {
      if (isUnknown(value)) break;
      value = part === "0" ? first(value) : (value as Record<string, unknown> | undefined)?.[part];
    }
    if (value === undefined || value === null) value = fallback === undefined ? null : fallback;
    else if (convert && !isUnknown(value)) value = convert(value);
    out[canonical] = value;
    props.add(canonical, source, attribute.replace(/\.0(?=\.|$)/g, "[0]"));
  }
  return out;
}

export const asBool = (v: unknown): unknown => bool(v);
export const asNumber = (v: unknown): unknown => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v);

/** A policy attribute: JSON strings are parsed, empty means none. */
export function policyDocument(value: unknown): unknown {
  if (typeof value === "string") {
    if (value.trim() === "") return null;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value ?? null;
}

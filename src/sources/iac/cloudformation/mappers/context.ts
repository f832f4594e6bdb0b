import { getPath, isUnknown, type LineRange, type Unknown, unknown } from "../../../../model/index.js";
import type { Segment } from "../located.js";

/** One template resource after intrinsic evaluation (and SAM normalisation), as mappers see it. */
export interface SourceResource {
  logicalId: string;
  /** CloudFormation type after normalisation (`AWS::Serverless::Function` → `AWS::Lambda::Function`). */
  type: string;
  /** Evaluated `Properties`; an unknown marker when the whole block depends on an unknown condition. */
  properties: Record<string, unknown> | Unknown;
  /** `Properties` as written, for joins by `Ref`/`Fn::GetAtt`. */
  raw: Record<string, unknown>;
  /** Where a top-level property was written, when not at `Resources.<id>.Properties.<name>` (SAM globals, renames). */
  origin?: Record<string, Segment[]>;
}

/** What a mapper is given besides its resources. */
export interface MapContext {
  /** Records that canonical property `canonicalPath` was read from `source`'s property at `propertyPath`. */
  at(canonicalPath: string, source: SourceResource, ...propertyPath: Segment[]): void;
  /** The logical id a raw value points at (`{Ref: X}`, `{"Fn::GetAtt": [X, …]}`, `!Sub ${X}` alone), if any. */
  refTarget(raw: unknown): string | undefined;
  /** Logical ids of the resources whose literal `nameProperty` equals `name` (joins by name). */
  byName(type: string, nameProperty: string, name: unknown): string | undefined;
  /** Another resource of the template, for facts a primary refers to (a trail's bucket, a route's peering). */
  resource(logicalId: string | undefined): SourceResource | undefined;
  /** Every resource of a CloudFormation type in the template. */
  ofType(type: string): SourceResource[];
}

export interface Mapped {
  name: string;
  properties: Record<string, unknown>;
  tags?: Record<string, string>;
  /** A stable id other than `file#LogicalId`, when the template fixes one (not used yet). */
}

/**
 * Turns one CloudFormation resource (plus the companion resources that join
 * it) into one canonical resource. Mappers are pure: they read evaluated
 * property values and return canonical properties; the loader does the rest.
 */
export interface CfnMapper {
  canonicalType: string;
  /** The CloudFormation type of the primary resource. */
  cfnType: string;
  /** Companion resource types and how to find the primary's logical id from one. */
  companions?: Record<string, (companion: SourceResource, ctx: MapContext) => string | undefined>;
  map(primary: SourceResource, companions: SourceResource[], ctx: MapContext): Mapped;
}

// ------------------------------------------------ small readers shared by mappers

/** The value at `path` in a source resource's properties; unknown when an enclosing value is. */
export function prop(source: SourceResource, ...path: Segment[]): unknown {
  return getPath(source.properties, path);
}

/** `true`/`false` (also written as strings in templates); unknown passes through; else undefined. */
export function bool(value: unknown): boolean | Unknown | undefined {
  if (isUnknown(value)) return value;
  if (value === true || value === "true" || value === "True") return true;
  if (value === false || value === "false" || value === "False") return false;
  return undefined;
}

/** A number (templates often write ports as strings); unknown passes through. */
export function num(value: unknown): number | Unknown | undefined {
  if (isUnknown(value)) return value;
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** A string; numbers are rendered; unknown passes through. */
export function str(value: unknown): string | Unknown | undefined {
  if (isUnknown(value)) return value;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** A list; an unknown list stays unknown; a single value becomes a list of one. */
export function list(value: unknown): unknown[] | Unknown {
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  return [value];
}

/** CloudFormation `Tags: [{Key, Value}]` (or SAM's map) → a record of the tags known at scan time. */
export function tagsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const tag of value as { Key?: unknown; Value?: unknown }[])
      if (typeof tag?.Key === "string" && (typeof tag.Value === "string" || typeof tag.Value === "number"))
        out[tag.Key] = String(tag.Value);
  } else if (value && typeof value === "object" && !isUnknown(value)) {
    for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  }
  return out;
}

/** A policy document as written, or parsed from a JSON string. */
export function policyDocument(value: unknown): unknown {
  if (typeof value === "string") {
    try {
      return JSON.parse(value);
    } catch {
      return unknown("the policy is not valid JSON");
    }
  }
  return value ?? null;
}

/** The resource's display name: a literal name property, else the logical id. */
export function nameOf(source: SourceResource, nameProperty?: string): string {
  const value = nameProperty ? prop(source, nameProperty) : undefined;
  return typeof value === "string" && value !== "" ? value : source.logicalId;
}

export type { LineRange };

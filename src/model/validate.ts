import { PROVIDERS, type Provider, type Resource } from "./resource.js";

/** A problem with an untrusted resource document, naming the field. */
export interface ValidationIssue {
  field: string;
  message: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Checks an untrusted value (a snapshot entry, an API body) against the
 * Resource shape. Returns the issues found, each naming its field; an empty
 * list means `value` is a valid Resource.
 */
export function validateResource(value: unknown, field = "resource"): ValidationIssue[] {
  if (!isObject(value)) return [{ field, message: "must be an object" }];
  const issues: ValidationIssue[] = [];
  const requireString = (key: string, pattern?: RegExp, hint?: string) => {
    const v = value[key];
    if (typeof v !== "string" || v === "")
      issues.push({ field: `${field}.${key}`, message: "must be a non-empty string" });
    else if (pattern && !pattern.test(v))
      issues.push({ field: `${field}.${key}`, message: hint ?? `must match ${pattern}` });
  };
  requireString("type", /^[a-z0-9]+(\.[a-z0-9-]+)+$/, "must be a canonical type id such as aws.s3.bucket");
  requireString("id");
  if (!(PROVIDERS as readonly unknown[]).includes(value.provider)) {
    issues.push({ field: `${field}.provider`, message: `must be one of ${PROVIDERS.join(", ")}` });
  }
  for (const key of ["account", "region"]) {
    if (value[key] !== undefined && typeof value[key] !== "string") {
      issues.push({ field: `${field}.${key}`, message: "must be a string when present" });
    }
  }
  if (value.name !== undefined && typeof value.name !== "string") {
    issues.push({ field: `${field}.name`, message: "must be a string when present" });
  }
  if (value.tags !== undefined) {
    if (!isObject(value.tags))
      issues.push({ field: `${field}.tags`, message: "must be an object of strings" });
    else
      for (const [k, v] of Object.entries(value.tags)) {
        if (typeof v !== "string") issues.push({ field: `${field}.tags.${k}`, message: "must be a string" });
      }
  }
  if (value.properties !== undefined && !isObject(value.properties)) {
    issues.push({ field: `${field}.properties`, message: "must be an object" });
  }
  if (value.provenance !== undefined) {
    const p = value.provenance;
    if (!isObject(p) || !["live", "iac", "snapshot"].includes(String(p.kind))) {
      issues.push({ field: `${field}.provenance.kind`, message: "must be live, iac or snapshot" });
    }
  }
  return issues;
}

/**
 * Fills the optional parts of a validated resource document: name from the
 * id, empty tags and properties, and `provenance` when the document had none.
 */
export function normalizeResource(
  value: Record<string, unknown>,
  provenance: Resource["provenance"],
): Resource {
  const id = String(value.id);
  const resource: Resource = {
    type: String(value.type),
    id,
    provider: value.provider as Provider,
    name: typeof value.name === "string" ? value.name : id,
    tags: (value.tags as Record<string, string> | undefined) ?? {},
    properties: (value.properties as Record<string, unknown> | undefined) ?? {},
    provenance: (value.provenance as Resource["provenance"] | undefined) ?? provenance,
  };
  if (typeof value.account === "string") resource.account = value.account;
  if (typeof value.region === "string") resource.region = value.region;
  return resource;
}

/** Helpers for GCP resources in their canonical shape (the API's own field names; see docs/resource-types.md). */
import { isUnknown } from "../../model/index.js";

/** Members that mean "anyone on the internet". */
export const PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"];

export interface Binding {
  role: string;
  members: unknown[];
}

export function bindings(policy: unknown): Binding[] {
  const list = (policy as { bindings?: unknown } | null | undefined)?.bindings;
  return Array.isArray(list) ? (list as Binding[]).filter((b) => b && typeof b === "object") : [];
}

/** The value of `key` in a GCE metadata object (`{items: [{key, value}]}`), or undefined. */
export function metadataValue(metadata: unknown, key: string): unknown {
  const items = (metadata as { items?: unknown } | null | undefined)?.items;
  if (isUnknown(items)) return items;
  if (!Array.isArray(items)) return undefined;
  return (items as { key?: unknown; value?: unknown }[]).find((item) => item?.key === key)?.value;
}

/** GCE metadata and database flags write booleans as strings ("TRUE", "on"). */
export function truthy(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  return typeof value === "string" && ["true", "on", "1", "yes"].includes(value.toLowerCase());
}

/** A Cloud SQL database flag's value, or undefined when the flag is not set. */
export function databaseFlag(settings: unknown, name: string): unknown {
  const flags = (settings as { databaseFlags?: unknown } | null | undefined)?.databaseFlags;
  if (isUnknown(flags)) return flags;
  if (!Array.isArray(flags)) return undefined;
  return (flags as { name?: unknown; value?: unknown }[]).find((f) => f?.name === name)?.value;
}

/** The database engine family of a Cloud SQL `databaseVersion` ("POSTGRES_15" → "postgres"). */
export function sqlEngine(databaseVersion: unknown): "postgres" | "mysql" | "sqlserver" | undefined {
  if (typeof databaseVersion !== "string") return undefined;
  if (databaseVersion.startsWith("POSTGRES")) return "postgres";
  if (databaseVersion.startsWith("MYSQL")) return "mysql";
  if (databaseVersion.startsWith("SQLSERVER")) return "sqlserver";
  return undefined;
}

/** Compute Engine's default service account: PROJECT_NUMBER-compute@developer.gserviceaccount.com. */
export function isDefaultComputeServiceAccount(email: unknown): boolean {
  return typeof email === "string" && /^\d+-compute@developer\.gserviceaccount\.com$/.test(email);
}

/** GCP durations are strings of seconds with an "s" suffix ("7776000s"). */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

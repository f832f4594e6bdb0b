import { VulnInputError } from "./errors.js";

/**
 * The OSV schema (https://ossf.github.io/osv-schema/), the subset the
 * matcher reads. Every advisory source is converted to this shape before it
 * is stored, so one matcher serves them all.
 */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: "SEMVER" | "ECOSYSTEM" | "GIT";
  repo?: string;
  events: OsvEvent[];
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  severity?: OsvSeverity[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvSeverity {
  type: string;
  score: string;
}

export interface OsvRecord {
  id: string;
  modified?: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  related?: string[];
  upstream?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: { type: string; url: string }[];
  database_specific?: Record<string, unknown>;
}

/**
 * Mamori's extension, in `affected[].ecosystem_specific.mamori`, for data
 * the OSV schema has no field for: the distro fix state, and a node-semver
 * range kept verbatim when it cannot be written as OSV events exactly.
 */
export interface MamoriAffectedExtension {
  fixState?: "not_fixed" | "wont_fix";
  npmRange?: string;
  fixedVersions?: string[];
}

export function mamoriExtension(affected: OsvAffected): MamoriAffectedExtension | undefined {
  const ext = affected.ecosystem_specific?.mamori;
  return ext && typeof ext === "object" ? (ext as MamoriAffectedExtension) : undefined;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** Checks the fields the matcher relies on; `where` names the file (and line) for the message. */
export function validateOsv(value: unknown, where: string): OsvRecord {
  const fail = (field: string, problem: string): never => {
    throw new VulnInputError(`${where}: OSV field ${field} ${problem}`);
  };
  if (!value || typeof value !== "object" || Array.isArray(value)) fail("(record)", "must be an object");
  const record = value as Record<string, unknown>;
  if (!isString(record.id) || record.id === "") fail("id", "must be a non-empty string");
  for (const field of ["aliases", "related", "upstream"] as const)
    if (record[field] !== undefined && !isStringArray(record[field]))
      fail(field, "must be an array of strings");
  if (record.affected !== undefined && !Array.isArray(record.affected)) fail("affected", "must be an array");
  for (const [i, a] of ((record.affected as unknown[]) ?? []).entries()) {
    if (!a || typeof a !== "object") fail(`affected[${i}]`, "must be an object");
    const affected = a as Record<string, unknown>;
    const pkg = affected.package as Record<string, unknown> | undefined;
    if (pkg !== undefined && (!isString(pkg?.ecosystem) || !isString(pkg?.name)))
      fail(`affected[${i}].package`, "needs string ecosystem and name");
    if (affected.versions !== undefined && !isStringArray(affected.versions))
      fail(`affected[${i}].versions`, "must be an array of strings");
    if (affected.ranges !== undefined && !Array.isArray(affected.ranges))
      fail(`affected[${i}].ranges`, "must be an array");
    for (const [j, r] of ((affected.ranges as unknown[]) ?? []).entries()) {
      const range = r as Record<string, unknown>;
      if (!range || !isString(range.type) || !Array.isArray(range.events))
        fail(`affected[${i}].ranges[${j}]`, "needs a type and an events array");
      for (const [k, e] of (range.events as unknown[]).entries()) {
        if (!e || typeof e !== "object" || !Object.values(e).every(isString))
          fail(`affected[${i}].ranges[${j}].events[${k}]`, "must map an event name to a version string");
      }
    }
  }
  return record as unknown as OsvRecord;
}

/** Every id the record is known by: its own, its aliases and the upstream ids it restates. */
export function allIds(record: OsvRecord): string[] {
  return [...new Set([record.id, ...(record.aliases ?? []), ...(record.upstream ?? [])])];
}

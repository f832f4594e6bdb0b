import semver from "semver";
import { VulnInputError } from "../errors.js";
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from "../osv.js";

/**
 * The Node.js Ecosystem Security WG's npm advisories (vuln/npm/*.json, the
 * format of the retired nodesecurity.io API): `module_name`,
 * `vulnerable_versions` and `patched_versions` as node-semver ranges. Each
 * becomes an OSV record `NSWG-ECO-<id>`. A range that OSV events can express
 * exactly (>=, <, <= and exact versions) becomes ECOSYSTEM ranges; any other
 * (e.g. `>1.2.3`, `^1.2`) is kept verbatim in the Mamori extension and
 * matched with node-semver.
 */
export interface NodeWgAdvisory {
  id: number | string;
  module_name: string;
  vulnerable_versions?: string | null;
  patched_versions?: string | null;
  cves?: string[];
  cvss_vector?: string | null;
  cvss_score?: number | null;
  title?: string;
  overview?: string;
  created_at?: string;
  updated_at?: string;
  publish_date?: string;
  references?: string[] | string;
}

export function isNodeWgAdvisory(value: unknown): value is NodeWgAdvisory {
  return Boolean(
    value && typeof value === "object" && "module_name" in value && "vulnerable_versions" in value,
  );
}

export function convertNodeWg(advisory: NodeWgAdvisory, where: string): OsvRecord {
  if (typeof advisory.module_name !== "string" || advisory.module_name === "")
    throw new VulnInputError(`${where}: npm advisory field module_name must be a non-empty string`);
  const vulnerable = advisory.vulnerable_versions?.trim() || "*";
  const range = semver.validRange(vulnerable, { loose: true });
  if (range === null)
    throw new VulnInputError(
      `${where}: npm advisory ${advisory.id} field vulnerable_versions is not a semver range: ${vulnerable}`,
    );
  const affected: OsvAffected = { package: { ecosystem: "npm", name: advisory.module_name } };
  const fixedVersions = fixedFrom(advisory.patched_versions);
  const exact = eventsFor(range);
  if (exact) {
    if (exact.ranges.length > 0) affected.ranges = exact.ranges;
    if (exact.versions.length > 0) affected.versions = exact.versions;
  } else {
    affected.ecosystem_specific = { mamori: { npmRange: range, fixedVersions } };
  }
  const cves = (advisory.cves ?? []).filter((c) => typeof c === "string");
  const references = Array.isArray(advisory.references)
    ? advisory.references
    : typeof advisory.references === "string"
      ? advisory.references.split(/\s+/).filter((r) => r.startsWith("http"))
      : [];
  const record: OsvRecord = {
    id: `NSWG-ECO-${advisory.id}`,
    aliases: cves,
    summary: advisory.title,
    details: advisory.overview,
    affected: [affected],
    references: references.map((url) => ({ type: "ADVISORY", url })),
    database_specific: { source: "nodejs-security-wg" },
  };
  const modified = dateOf(advisory.updated_at ?? advisory.created_at);
  if (modified) record.modified = modified;
  const published = dateOf(advisory.publish_date ?? advisory.created_at);
  if (published) record.published = published;
  if (advisory.cvss_vector)
    record.severity = [{ type: cvssType(advisory.cvss_vector), score: advisory.cvss_vector }];
  return record;
}

function cvssType(vector: string): string {
  return vector.startsWith("CVSS:4") ? "CVSS_V4" : vector.startsWith("CVSS:3") ? "CVSS_V3" : "CVSS_V2";
}

function dateOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) || date.getTime() <= 0 ? undefined : date.toISOString();
}

/** The lowest version of each alternative of `patched_versions` (">=4.17.19" → 4.17.19). */
function fixedFrom(patched: string | null | undefined): string[] {
  if (!patched) return [];
  const range = semver.validRange(patched, { loose: true });
  if (!range) return [];
  return new semver.Range(range, { loose: true }).set
    .map((set) => set.find((c) => c.operator === ">=" || c.operator === "")?.semver.version)
    .filter((v): v is string => Boolean(v));
}

/** OSV events for a range made only of >=, <, <= and exact versions; undefined otherwise. */
function eventsFor(range: string): { ranges: OsvRange[]; versions: string[] } | undefined {
  const versions: string[] = [];
  const events: OsvEvent[][] = [];
  for (const set of new semver.Range(range, { loose: true }).set) {
    if (set.length === 1 && set[0]?.operator === "" && set[0].semver.version) {
      versions.push(set[0].semver.version);
      continue;
    }
    let introduced = "0";
    let upper: OsvEvent | undefined;
    for (const comparator of set) {
      const version = comparator.semver.version;
      if (comparator.operator === "" && comparator.value === "") continue; // "*"
      if (comparator.operator === ">=" && introduced === "0") introduced = version;
      else if (comparator.operator === "<" && !upper) upper = { fixed: version };
      else if (comparator.operator === "<=" && !upper) upper = { last_affected: version };
      else return undefined;
    }
    // semver writes "<0.0.0-0" for ranges that match nothing.
    if (upper?.fixed === "0.0.0-0") continue;
    events.push([{ introduced }, ...(upper ? [upper] : [])]);
  }
  // One range per alternative keeps each introduced/fixed pair together.
  return { ranges: events.map((e) => ({ type: "SEMVER" as const, events: e })), versions };
}

import semver from "semver";
import type { Package, Severity } from "../model/index.js";
import { ecosystemKey, isDistroEcosystem, packageKey } from "./ecosystem.js";
import { allIds, mamoriExtension, type OsvAffected, type OsvRecord } from "./osv.js";
import { severityOf } from "./severity.js";
import { type Comparator, comparatorFor, compareSemver, schemeOf } from "./versions/index.js";

export type FixState = "fixed" | "not_fixed" | "wont_fix";

/** One vulnerability of one package at one location, all its advisories merged. */
export interface VulnFinding {
  /** The id reported: the CVE when one is known, else the first GHSA, else the advisory's own. */
  id: string;
  /** Every other id of the same vulnerability (CVE ↔ GHSA ↔ DSA ↔ distro ids). */
  aliases: string[];
  /** The advisory records merged into this finding. */
  advisoryIds: string[];
  package: Package;
  installedVersion: string;
  fixedVersions: string[];
  fixState: FixState;
  severity: Severity;
  severitySource?: string;
  score?: number;
  vector?: string;
  summary?: string;
  /** Set by a VEX statement: still reported, never counted against --fail-on. */
  suppressed?: { status: string; justification?: string; statement?: string; source: string };
}

/** Where the matcher gets candidate advisories: the store, or an in-memory index (bench, tests). */
export interface AdvisoryLookup {
  lookup(keys: readonly [string, string][]): Promise<Map<string, unknown[]>>;
}

export interface MatchResult {
  findings: VulnFinding[];
  /** Things the matcher could not evaluate, for the report (e.g. GIT ranges). */
  notes: string[];
}

/**
 * The lookup key of a package. Distro packages are looked up by their
 * source package in their own release's ecosystem ("Debian:12"/openssl), so
 * they only ever meet the distro's advisories, never upstream ranges.
 */
export function lookupKey(pkg: Package): [string, string] {
  const name = bySourcePackage(pkg.ecosystem) ? (pkg.sourceName ?? pkg.name) : pkg.name;
  let ecosystem = ecosystemKey(pkg.ecosystem);
  // RHEL packages carry "Red Hat" alone; the release comes from os-release.
  if (ecosystem === "red hat" && pkg.distro?.versionId)
    ecosystem = `red hat:${pkg.distro.versionId.split(".")[0]}`;
  return [ecosystem, packageKey(pkg.ecosystem, name)];
}

function lookupVersion(pkg: Package): string {
  return bySourcePackage(pkg.ecosystem) ? (pkg.sourceVersion ?? pkg.version) : pkg.version;
}

/**
 * Debian, Ubuntu and Alpine advisories name source packages (origin for
 * apk); the RHEL family's OSV records (AlmaLinux, Rocky, Red Hat) name the
 * binary rpms, so those are looked up by their own name.
 */
function bySourcePackage(ecosystem: string): boolean {
  return isDistroEcosystem(ecosystem) && schemeOf(ecosystem) !== "rpm";
}

export async function matchPackages(
  packages: readonly Package[],
  source: AdvisoryLookup,
): Promise<MatchResult> {
  const keys = packages.map(lookupKey);
  const candidates = await source.lookup(keys);
  const notes = new Set<string>();
  const findings: VulnFinding[] = [];
  for (const [i, pkg] of packages.entries()) {
    const key = keys[i] as [string, string];
    const records = (candidates.get(`${key[0]}\u0000${key[1]}`) ?? []) as OsvRecord[];
    if (records.length === 0) continue;
    const compare = comparatorFor(pkg.ecosystem);
    if (!compare) {
      notes.add(
        `${pkg.ecosystem}: versions of this ecosystem cannot be ordered; only exact versions are matched`,
      );
    }
    const hits: { record: OsvRecord; fixed: string[]; fixState: FixState }[] = [];
    for (const record of records) {
      const hit = matchRecord(record, pkg, key, compare, notes);
      if (hit) hits.push({ record, ...hit });
    }
    findings.push(...mergeAliases(pkg, hits));
  }
  return { findings: findings.sort(byReportOrder), notes: [...notes].sort() };
}

function matchRecord(
  record: OsvRecord,
  pkg: Package,
  key: [string, string],
  compare: Comparator | undefined,
  notes: Set<string>,
): { fixed: string[]; fixState: FixState } | undefined {
  const version = lookupVersion(pkg);
  let affectedHit = false;
  const fixed = new Set<string>();
  let fixState: FixState | undefined;
  for (const affected of record.affected ?? []) {
    const affectedKey = keyOfAffected(affected);
    if (!affectedKey || affectedKey[0] !== key[0] || affectedKey[1] !== key[1]) continue;
    const result = affects(affected, version, compare, record.id, notes);
    if (!result) continue;
    affectedHit = true;
    for (const f of result.fixed) fixed.add(f);
    const state = mamoriExtension(affected)?.fixState;
    if (state) fixState = state;
  }
  if (!affectedHit) return undefined;
  return { fixed: [...fixed], fixState: fixed.size > 0 ? "fixed" : (fixState ?? "not_fixed") };
}

const AFFECTED_KEYS = new WeakMap<OsvAffected, [string, string]>();

/** The lookup key of an affected entry, computed once per entry (a record is met by many packages). */
function keyOfAffected(affected: OsvAffected): [string, string] | undefined {
  if (!affected.package) return undefined;
  let key = AFFECTED_KEYS.get(affected);
  if (!key) {
    key = [
      ecosystemKey(affected.package.ecosystem),
      packageKey(affected.package.ecosystem, affected.package.name),
    ];
    AFFECTED_KEYS.set(affected, key);
  }
  return key;
}

/** Whether `version` is affected by one `affected` entry, and the fixes above it. */
export function affects(
  affected: OsvAffected,
  version: string,
  compare: Comparator | undefined,
  id = "",
  notes?: Set<string>,
): { fixed: string[] } | undefined {
  const ext = mamoriExtension(affected);
  if (ext?.npmRange) {
    const hit = semver.satisfies(version, ext.npmRange, { loose: true, includePrerelease: true });
    return hit
      ? { fixed: (ext.fixedVersions ?? []).filter((f) => semver.valid(f, { loose: true })) }
      : undefined;
  }
  if (affected.versions?.some((v) => v === version || (compare !== undefined && compare(v, version) === 0)))
    return { fixed: fixedAbove(affected, version, compare) };
  for (const range of affected.ranges ?? []) {
    if (range.type === "GIT") {
      if (!affected.versions?.length)
        notes?.add(`GIT ranges are not evaluated (commits are not known for packages): ${id}`);
      continue;
    }
    const cmp = range.type === "SEMVER" ? compareSemver : compare;
    if (!cmp) continue;
    if (inRange(range.events, version, cmp)) return { fixed: fixedAbove(affected, version, compare) };
  }
  return undefined;
}

/**
 * OSV's range evaluation: events sorted by version; an `introduced` at or
 * below the version opens the range, a `fixed` at or below (or a
 * `last_affected` below) closes it. "0" is below everything.
 */
function inRange(events: OsvRange["events"], version: string, cmp: Comparator): boolean {
  const list: { kind: string; v: string }[] = [];
  for (const e of events) {
    if (e.introduced !== undefined) list.push({ kind: "introduced", v: e.introduced });
    if (e.fixed !== undefined) list.push({ kind: "fixed", v: e.fixed });
    if (e.last_affected !== undefined) list.push({ kind: "last_affected", v: e.last_affected });
    if (e.limit !== undefined) list.push({ kind: "limit", v: e.limit });
  }
  // Feeds write events in order; sorting is only needed when there are several intervals.
  if (list.length > 2) list.sort((a, b) => (a.v === "0" ? -1 : b.v === "0" ? 1 : cmp(a.v, b.v)));
  let affected = false;
  for (const { kind, v } of list) {
    if (kind === "introduced") {
      if (v === "0" || cmp(version, v) >= 0) affected = true;
    } else if (kind === "fixed" || kind === "limit") {
      if (cmp(version, v) >= 0) affected = false;
    } else if (cmp(version, v) > 0) affected = false; // last_affected
  }
  return affected;
}

type OsvRange = NonNullable<OsvAffected["ranges"]>[number];

function fixedAbove(affected: OsvAffected, version: string, compare: Comparator | undefined): string[] {
  const out: string[] = [];
  for (const range of affected.ranges ?? []) {
    const cmp = range.type === "SEMVER" ? compareSemver : compare;
    for (const event of range.events) {
      if (event.fixed && (!cmp || cmp(event.fixed, version) > 0)) out.push(event.fixed);
    }
  }
  return out;
}

/** Merges records that share any id (CVE ↔ GHSA ↔ DSA) into one finding per vulnerability. */
function mergeAliases(
  pkg: Package,
  hits: { record: OsvRecord; fixed: string[]; fixState: FixState }[],
): VulnFinding[] {
  const parent = hits.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const owner = new Map<string, number>();
  for (const [i, hit] of hits.entries()) {
    for (const id of allIds(hit.record)) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, typeof hits>();
  for (const [i, hit] of hits.entries()) {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), hit]);
  }
  const compare = comparatorFor(pkg.ecosystem);
  return [...groups.values()].map((group) => {
    const records = group.map((g) => g.record);
    const ids = [...new Set(records.flatMap(allIds))].sort();
    const id =
      ids.find((x) => x.startsWith("CVE-")) ?? ids.find((x) => x.startsWith("GHSA-")) ?? (ids[0] as string);
    const fixed = [...new Set(group.flatMap((g) => g.fixed))];
    if (compare) fixed.sort(compare);
    const states = group.map((g) => g.fixState);
    const fixState: FixState =
      fixed.length > 0 ? "fixed" : states.includes("wont_fix") ? "wont_fix" : "not_fixed";
    const scored = severityOf(records, isDistroEcosystem(pkg.ecosystem));
    const finding: VulnFinding = {
      id,
      aliases: ids.filter((x) => x !== id),
      advisoryIds: [...new Set(records.map((r) => r.id))].sort(),
      package: pkg,
      installedVersion: pkg.version,
      fixedVersions: fixed,
      fixState,
      severity: scored?.severity ?? "medium",
      severitySource: scored?.source ?? "unknown",
    };
    if (scored?.score !== undefined) finding.score = scored.score;
    if (scored?.vector) finding.vector = scored.vector;
    const summary =
      records.find((r) => r.summary)?.summary ?? records.find((r) => r.details)?.details?.split("\n")[0];
    if (summary) finding.summary = summary.length > 200 ? `${summary.slice(0, 197)}...` : summary;
    return finding;
  });
}

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

function byReportOrder(a: VulnFinding, b: VulnFinding): number {
  return (
    RANK[b.severity] - RANK[a.severity] ||
    a.package.name.localeCompare(b.package.name) ||
    a.package.path.localeCompare(b.package.path) ||
    a.id.localeCompare(b.id)
  );
}

/** An in-memory advisory index (benchmarks, tests, SBOM round trips without a store). */
export class MemoryAdvisoryIndex implements AdvisoryLookup {
  readonly #byKey = new Map<string, OsvRecord[]>();

  add(record: OsvRecord): void {
    for (const key of recordKeys(record)) {
      const k = `${key[0]}\u0000${key[1]}`;
      const list = this.#byKey.get(k) ?? [];
      if (!list.includes(record)) list.push(record);
      this.#byKey.set(k, list);
    }
  }

  async lookup(keys: readonly [string, string][]): Promise<Map<string, unknown[]>> {
    const out = new Map<string, unknown[]>();
    for (const key of keys) {
      const k = `${key[0]}\u0000${key[1]}`;
      const list = this.#byKey.get(k);
      if (list) out.set(k, list);
    }
    return out;
  }
}

/** The [ecosystem key, package key] pairs a record is indexed under. */
export function recordKeys(record: OsvRecord): [string, string][] {
  const keys = new Map<string, [string, string]>();
  for (const affected of record.affected ?? []) {
    const key = keyOfAffected(affected);
    if (!key) continue;
    keys.set(`${key[0]}\u0000${key[1]}`, key);
  }
  return [...keys.values()];
}

import { VulnInputError } from "../errors.js";
import type { OsvAffected, OsvRecord } from "../osv.js";

/**
 * Debian's security tracker: the JSON (security-tracker.debian.org/tracker/data/json,
 * `{source: {CVE: {releases: {codename: {status, fixed_version, urgency, nodsa_reason}}}}}`)
 * and the DSA list (data/DSA/list). Everything is keyed by *source* package
 * and release (`Debian:12`), so Debian packages are matched on Debian's own
 * verdicts, never on upstream version ranges.
 *
 * Fix states: resolved with a version → fixed; resolved with "0" → never
 * affected (skipped); open or undetermined → not fixed; open with
 * nodsa_reason "ignored" → will not fix ("postponed" stays not fixed).
 */
export const DEBIAN_RELEASES: Record<string, string> = {
  woody: "3.0",
  sarge: "3.1",
  etch: "4",
  lenny: "5",
  squeeze: "6",
  wheezy: "7",
  jessie: "8",
  stretch: "9",
  buster: "10",
  bullseye: "11",
  bookworm: "12",
  trixie: "13",
  forky: "14",
};

const URGENCY: Record<string, string> = {
  unimportant: "info",
  low: "low",
  medium: "medium",
  high: "high",
  "not yet assigned": "",
};

interface TrackerRelease {
  status?: string;
  fixed_version?: string;
  urgency?: string;
  nodsa?: string;
  nodsa_reason?: string;
}

export function isDebianTracker(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const first = Object.values(value)[0];
  if (!first || typeof first !== "object") return false;
  const entry = Object.values(first)[0] as { releases?: unknown } | undefined;
  return Boolean(entry && typeof entry === "object" && "releases" in entry);
}

export function convertDebianTracker(value: unknown, where: string, records: Map<string, OsvRecord>): void {
  for (const [source, cves] of Object.entries(value as Record<string, unknown>)) {
    if (!cves || typeof cves !== "object")
      throw new VulnInputError(`${where}: Debian tracker entry ${source} must be an object`);
    for (const [cve, data] of Object.entries(cves as Record<string, unknown>)) {
      if (!/^(CVE|TEMP)-/.test(cve)) continue;
      const releases = (data as { releases?: Record<string, TrackerRelease> }).releases;
      if (Array.isArray(releases)) continue; // the tracker writes [] when no release is tracked
      if (!releases || typeof releases !== "object")
        throw new VulnInputError(
          `${where}: Debian tracker ${source}/${cve} field releases must be an object`,
        );
      for (const [codename, release] of Object.entries(releases)) {
        const version = DEBIAN_RELEASES[codename];
        if (!version || !release || typeof release !== "object") continue; // sid and unknown codenames
        const affected = affectedFor(`Debian:${version}`, source, release);
        if (!affected) continue;
        const id = `DEBIAN-${cve}`;
        const record = records.get(id) ?? {
          id,
          aliases: cve.startsWith("CVE-") ? [cve] : [],
          details: (data as { description?: string }).description,
          affected: [],
          database_specific: { source: "debian-tracker" },
        };
        record.affected?.push(affected);
        records.set(id, record);
      }
    }
  }
}

function affectedFor(ecosystem: string, source: string, release: TrackerRelease): OsvAffected | undefined {
  const urgency = URGENCY[(release.urgency ?? "").replace(/\*+$/, "")] ?? "";
  const database_specific = urgency ? { severity: urgency } : undefined;
  const base: OsvAffected = { package: { ecosystem, name: source } };
  if (database_specific) base.database_specific = database_specific;
  if (release.status === "resolved") {
    if (!release.fixed_version || release.fixed_version === "0") return undefined;
    return {
      ...base,
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: release.fixed_version }] }],
    };
  }
  if (release.status === "open" || release.status === "undetermined") {
    const fixState = release.nodsa_reason === "ignored" ? "wont_fix" : "not_fixed";
    return {
      ...base,
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }],
      ecosystem_specific: { mamori: { fixState } },
    };
  }
  return undefined;
}

/**
 * The DSA list: "[date] DSA-NNNN-N package - title", then "{CVE…}" and
 * "[codename] - package version" lines. Each DSA becomes a record with its
 * CVEs as aliases and a fixed range per release and package.
 */
export function convertDsaList(text: string, where: string, records: Map<string, OsvRecord>): void {
  let current: OsvRecord | undefined;
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trimEnd();
    if (!line.trim()) continue;
    const header = /^\[(\d{2} \w{3} \d{4})\] (DSA-\d+(?:-\d+)?) (.*)$/.exec(line);
    if (header) {
      const published = new Date(`${header[1]} UTC`);
      current = {
        id: header[2] as string,
        aliases: [],
        summary: header[3],
        affected: [],
        database_specific: { source: "debian-dsa-list" },
      };
      if (!Number.isNaN(published.getTime())) current.published = published.toISOString();
      records.set(current.id, current);
      continue;
    }
    if (!current) throw new VulnInputError(`${where}:${index + 1}: expected a "[date] DSA-…" line`);
    const ids = /^\s+\{(.*)\}$/.exec(line);
    if (ids) {
      current.aliases?.push(...(ids[1] ?? "").split(/\s+/).filter(Boolean));
      continue;
    }
    const fix = /^\s+\[(\w+)\] - (\S+) (\S+)/.exec(line);
    if (fix) {
      const version = DEBIAN_RELEASES[fix[1] as string];
      if (!version || fix[3] === "<not-affected>" || fix[3] === "<unfixed>") continue;
      current.affected?.push({
        package: { ecosystem: `Debian:${version}`, name: fix[2] as string },
        ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: fix[3] as string }] }],
      });
    }
  }
}

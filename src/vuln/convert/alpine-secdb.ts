import { VulnInputError } from "../errors.js";
import type { OsvRecord } from "../osv.js";

/**
 * Alpine secdb (secdb.alpinelinux.org/<release>/<repo>.json, same shape as
 * the older YAML): `distroversion` and `packages[].pkg.{name, secfixes}`
 * where secfixes maps the fixing version to the CVE ids it fixes. Packages
 * are *origin* (source) packages. One record per CVE, `ALPINE-<CVE>`, with
 * an affected entry per release and package. A fix version of "0" means the
 * package was never affected and is skipped.
 */
interface SecDb {
  distroversion?: unknown;
  packages?: unknown;
}

export function isAlpineSecdb(value: unknown): value is SecDb {
  return Boolean(value && typeof value === "object" && "distroversion" in value && "packages" in value);
}

/** Adds the secdb's fixes to `records` (keyed by id), merging with earlier releases. */
export function convertAlpineSecdb(value: SecDb, where: string, records: Map<string, OsvRecord>): void {
  if (typeof value.distroversion !== "string" || !/^v?\d+\.\d+$/.test(value.distroversion))
    throw new VulnInputError(`${where}: Alpine secdb field distroversion must look like v3.19`);
  if (value.packages === null) return; // a repository without fixes
  if (!Array.isArray(value.packages))
    throw new VulnInputError(`${where}: Alpine secdb field packages must be a list`);
  const ecosystem = `Alpine:v${value.distroversion.replace(/^v/, "")}`;
  for (const [i, entry] of value.packages.entries()) {
    const pkg = (entry as { pkg?: { name?: unknown; secfixes?: unknown } })?.pkg;
    if (!pkg || typeof pkg.name !== "string")
      throw new VulnInputError(`${where}: Alpine secdb field packages[${i}].pkg.name must be a string`);
    if (!pkg.secfixes || typeof pkg.secfixes !== "object") continue;
    for (const [fixed, ids] of Object.entries(pkg.secfixes as Record<string, unknown>)) {
      if (!Array.isArray(ids)) continue;
      for (const raw of ids) {
        if (typeof raw !== "string") continue;
        // Entries look like "CVE-2019-1234" or "CVE-2019-1234 CVE-2019-1235" (one line, several ids).
        for (const cve of raw.split(/\s+/).filter((id) => /^[A-Z]+-\d{4}-\d+$/.test(id))) {
          if (fixed === "0") continue;
          const id = `ALPINE-${cve}`;
          const record = records.get(id) ?? {
            id,
            aliases: [cve],
            affected: [],
            database_specific: { source: "alpine-secdb" },
          };
          record.affected?.push({
            package: { ecosystem, name: pkg.name },
            ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed }] }],
          });
          records.set(id, record);
        }
      }
    }
  }
}

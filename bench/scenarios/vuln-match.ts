/**
 * Vulnerability matching at scale: 10,000 packages (npm, PyPI, Maven, Go and
 * Debian 12 packages with source names) against a generated 100,000-advisory
 * OSV database. Most packages have several candidate advisories, so the
 * matcher really compares versions, merges aliases and scores CVSS vectors.
 *
 * The commands run this file itself (`node --import tsx bench/scenarios/vuln-match.ts
 * <mode> <dir>`), like terraform-scale: the measured work is the matcher, not
 * the build. Modes:
 * - `match`: read the advisories (JSON Lines) into the in-memory index, read
 *   the SBOM, match; prints the time of each phase on standard error;
 * - `match-store`: the same match against the advisory database in the
 *   embedded store (imported by `prepare`);
 * - `parse`: the floor, reading and parsing both files and nothing else.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchCommand } from "../lib/scenario.js";

export const PACKAGES = 10_000;
export const ADVISORIES = 100_000;
export const SEED = 20_261_124;

export const name = "vuln-match";
export const description =
  `matching ${PACKAGES.toLocaleString("en-US")} packages against ${ADVISORIES.toLocaleString("en-US")} generated OSV advisories ` +
  "(in memory and from the embedded store), against reading and parsing the same files";

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ECOSYSTEMS = ["npm", "PyPI", "Maven", "Go", "Debian:12"] as const;
/** Distinct package names per ecosystem: 100,000 advisories over 25,000 names, ~4 each. */
const NAMES = 5_000;

function nameOf(ecosystem: string, i: number): string {
  switch (ecosystem) {
    case "Maven":
      return `org.example.g${i % 97}:artifact-${i}`;
    case "Go":
      return `github.com/example/mod-${i}`;
    case "Debian:12":
      return `src-${i}`;
    default:
      return `pkg-${i}`;
  }
}

function version(ecosystem: string, major: number, minor: number, patch: number): string {
  if (ecosystem === "Debian:12") return `${major}.${minor}.${patch}-${1 + (patch % 3)}`;
  if (ecosystem === "Go") return `v${major}.${minor}.${patch}`;
  return `${major}.${minor}.${patch}`;
}

const VECTORS = [
  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:N",
  "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N",
  "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
];

export async function prepare(workDir: string): Promise<void> {
  const rand = random(SEED);
  const lines: string[] = [];
  for (let i = 0; i < ADVISORIES; i++) {
    const ecosystem = ECOSYSTEMS[i % ECOSYSTEMS.length] as string;
    const pkg = Math.floor(rand() * NAMES);
    const major = Math.floor(rand() * 5);
    const introduced = version(ecosystem, major, Math.floor(rand() * 10), 0);
    const fixed = version(ecosystem, major, 10 + Math.floor(rand() * 10), Math.floor(rand() * 20));
    const cve = `CVE-2099-${String(i).padStart(6, "0")}`;
    lines.push(
      JSON.stringify({
        id: ecosystem === "Debian:12" ? `DEBIAN-${cve}` : `GHSA-bench-${i.toString(36)}`,
        aliases: [cve],
        modified: "2026-01-01T00:00:00Z",
        summary: `generated advisory ${i}`,
        severity: [
          { type: VECTORS[i % 4]?.startsWith("CVSS:4") ? "CVSS_V4" : "CVSS_V3", score: VECTORS[i % 4] },
        ],
        affected: [
          {
            package: { ecosystem, name: nameOf(ecosystem, pkg) },
            ranges: [
              {
                type: ecosystem === "npm" || ecosystem === "Go" ? "SEMVER" : "ECOSYSTEM",
                events: [{ introduced }, { fixed }],
              },
            ],
          },
        ],
      }),
    );
  }
  await writeFile(join(workDir, "advisories.jsonl"), `${lines.join("\n")}\n`);
  const components = [];
  for (let i = 0; i < PACKAGES; i++) {
    const ecosystem = ECOSYSTEMS[i % ECOSYSTEMS.length] as string;
    const n = Math.floor(rand() * NAMES);
    const v = version(ecosystem, Math.floor(rand() * 5), Math.floor(rand() * 20), Math.floor(rand() * 20));
    const pkgName = nameOf(ecosystem, n);
    const purl =
      ecosystem === "Debian:12"
        ? `pkg:deb/debian/lib${pkgName}@${v}?distro=debian-12&upstream=${pkgName}`
        : ecosystem === "Maven"
          ? `pkg:maven/${pkgName.replace(":", "/")}@${v}`
          : ecosystem === "Go"
            ? `pkg:golang/${pkgName}@${v}`
            : `pkg:${ecosystem === "PyPI" ? "pypi" : "npm"}/${pkgName}@${v}`;
    components.push({ type: "library", name: pkgName, version: v, purl });
  }
  await writeFile(
    join(workDir, "bom.json"),
    JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.6", components }),
  );
  // The store-backed command reads an advisory database imported once, outside the timing.
  const { openStore } = await import("../../src/store/index.js");
  const { importAdvisories } = await import("../../src/vuln/database.js");
  const store = await openStore({ dataDir: join(workDir, "db") });
  try {
    await importAdvisories(store, join(workDir, "advisories.jsonl"));
  } finally {
    await store.close();
  }
}

export function commands(workDir: string): BenchCommand[] {
  const self = "bench/scenarios/vuln-match.ts";
  return [
    {
      label: "match (in-memory index)",
      role: "subject",
      argv: ["node", "--import", "tsx", self, "match", workDir],
    },
    {
      label: "match (embedded store)",
      role: "subject",
      argv: ["node", "--import", "tsx", self, "match-store", workDir],
    },
    {
      label: "read + parse inputs",
      role: "floor",
      argv: ["node", "--import", "tsx", self, "parse", workDir],
    },
  ];
}

/** The measured work, when this file is run as a program. */
async function main(mode: string, dir: string): Promise<void> {
  const t0 = performance.now();
  const lap = (label: string, since: number) =>
    process.stderr.write(`${label}: ${Math.round(performance.now() - since)} ms\n`);
  if (mode === "parse") {
    let n = 0;
    for (const line of (await readFile(join(dir, "advisories.jsonl"), "utf8")).split("\n"))
      if (line) n += (JSON.parse(line) as { affected: unknown[] }).affected.length;
    const bom = JSON.parse(await readFile(join(dir, "bom.json"), "utf8")) as { components: unknown[] };
    process.stderr.write(`${n} affected entries, ${bom.components.length} components\n`);
    return;
  }
  const { readSbomFile } = await import("../../src/vuln/sbom/read.js");
  const { MemoryAdvisoryIndex, matchPackages } = await import("../../src/vuln/match.js");
  const { readAdvisories } = await import("../../src/vuln/sources.js");
  const packages = readSbomFile(join(dir, "bom.json")).packages;
  if (mode === "match") {
    const index = new MemoryAdvisoryIndex();
    const t1 = performance.now();
    for await (const record of readAdvisories(join(dir, "advisories.jsonl"))) index.add(record);
    lap("load advisories", t1);
    const t2 = performance.now();
    const result = await matchPackages(packages, index);
    lap(`match ${packages.length} packages (${result.findings.length} findings)`, t2);
  } else if (mode === "match-store") {
    const { openStore } = await import("../../src/store/index.js");
    const { advisoryStore } = await import("../../src/vuln/database.js");
    const t1 = performance.now();
    const store = await openStore({ dataDir: join(dir, "db") });
    lap("open store", t1);
    try {
      const t2 = performance.now();
      const result = await matchPackages(packages, advisoryStore(store));
      lap(`match ${packages.length} packages from the store (${result.findings.length} findings)`, t2);
    } finally {
      await store.close();
    }
  } else throw new Error(`unknown mode ${mode}`);
  lap("total", t0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [mode, dir] = process.argv.slice(2);
  if (!mode || !dir) {
    process.stderr.write("usage: vuln-match.ts match|match-store|parse DIR\n");
    process.exit(2);
  }
  await main(mode, dir);
}

import type { Package } from "../../model/index.js";
import { EXTRACTOR_MODULES } from "./extractors/index.js";
import { alpineRelease, debianVersionFromFile, type OsRelease, parseOsRelease } from "./os-release.js";
import { toPackage } from "./package.js";
import { ExtractError, type Extractor, type FileInfo, type FileInput, type Found } from "./types.js";

export type { OsRelease } from "./os-release.js";
export { osEcosystem, toPackage } from "./package.js";
export { formatPurl, normalizePypiName } from "./purl.js";
export type { Extractor, FileInfo, FileInput, Found } from "./types.js";
export { ExtractError } from "./types.js";

export const EXTRACTORS: readonly Extractor[] = Object.values(EXTRACTOR_MODULES).flat();

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** Files that tell the distribution; read alongside the package databases. */
const OS_FILES = ["/etc/os-release", "/usr/lib/os-release", "/etc/debian_version", "/etc/alpine-release"];

export function isOsFile(path: string): boolean {
  return OS_FILES.includes(path);
}

/** The extractors that want this file's content (a cheap path test, run on every file). */
export function extractorsFor(file: FileInfo, only: readonly Extractor[] = EXTRACTORS): Extractor[] {
  return only.filter((e) => e.wants(file));
}

export function maxBytesOf(extractors: readonly Extractor[]): number {
  return Math.max(0, ...extractors.map((e) => e.maxBytes ?? DEFAULT_MAX_BYTES));
}

/** Runs the given extractors on one file; malformed metadata becomes a warning naming the file, never a crash. */
export async function extractFile(
  file: FileInput,
  extractors: readonly Extractor[],
): Promise<{ found: Found[]; warnings: string[] }> {
  const found: Found[] = [];
  const warnings: string[] = [];
  for (const extractor of extractors) {
    if (file.content.length > (extractor.maxBytes ?? DEFAULT_MAX_BYTES)) {
      warnings.push(
        `${file.path}: skipped by ${extractor.name}: ${file.content.length} bytes is over its size cap`,
      );
      continue;
    }
    try {
      found.push(...(await extractor.extract(file)));
    } catch (error) {
      if (error instanceof ExtractError) warnings.push(error.message);
      else warnings.push(`${file.path}: ${extractor.name} failed: ${(error as Error).message}`);
    }
  }
  return { found, warnings };
}

/** Picks the distribution from the OS files that were seen (path → content). */
export function detectOs(files: ReadonlyMap<string, string>): OsRelease | undefined {
  const text = files.get("/etc/os-release") ?? files.get("/usr/lib/os-release");
  const release = text === undefined ? undefined : parseOsRelease(text);
  if (release?.id === "debian" && !release.versionId) {
    // testing/sid images leave VERSION_ID out; debian_version still says "12.5" on a stable one.
    const fromFile = debianVersionFromFile(files.get("/etc/debian_version") ?? "");
    if (fromFile) release.versionId = fromFile;
  }
  if (release) return release;
  const alpine = files.get("/etc/alpine-release");
  if (alpine) return alpineRelease(alpine);
  const debian = debianVersionFromFile(files.get("/etc/debian_version") ?? "");
  return debian ? { id: "debian", versionId: debian } : undefined;
}

/** One file's extraction result, with where it was found. */
export interface FoundAt {
  path: string;
  layerDigest?: string;
  found: Found[];
}

/** Turns what the extractors found into Packages, once the distribution is known. */
export function finalizePackages(results: Iterable<FoundAt>, os: OsRelease | undefined): Package[] {
  const packages: Package[] = [];
  for (const result of results) {
    for (const found of result.found) {
      const where: { path: string; layerDigest?: string; os?: OsRelease } = { path: result.path };
      if (result.layerDigest) where.layerDigest = result.layerDigest;
      if (os) where.os = os;
      packages.push(toPackage(found, where));
    }
  }
  return packages;
}

import type { Package } from "../../model/index.js";
import type { OsRelease } from "./os-release.js";

/** A file offered to the extractors: the path is absolute inside the image or filesystem ("/usr/lib/…"). */
export interface FileInfo {
  path: string;
  size: number;
  /** Unix permission bits (0o755 …); executables are offered to binary extractors. */
  mode: number;
}

export interface FileInput extends FileInfo {
  content: Buffer;
}

/** A package as an extractor sees it, before the distro and the location are known. */
export interface Found {
  /** purl type: deb, apk, rpm, npm, pypi, golang, maven, gem, cargo, composer, nuget. */
  type: PurlType;
  /** npm scope (with @), Maven group, Composer vendor, Go module path without its last segment. */
  namespace?: string;
  name: string;
  version: string;
  sourceName?: string;
  sourceVersion?: string;
  arch?: string;
  /** rpm epoch (as a string); 0 and absent mean none. */
  epoch?: string;
  licenses?: string[];
  /** Set when the package lives inside the file (a jar in a war): "app.war!/WEB-INF/lib/x.jar". */
  innerPath?: string;
}

export type PurlType =
  | "deb"
  | "apk"
  | "rpm"
  | "npm"
  | "pypi"
  | "golang"
  | "maven"
  | "gem"
  | "cargo"
  | "composer"
  | "nuget";

/**
 * One package format. `wants` decides from the path alone (cheap: it runs on every
 * file of every layer); only wanted files are read into memory and passed to `extract`.
 */
export interface Extractor {
  name: string;
  wants(file: FileInfo): boolean;
  /** Larger files are skipped with a warning (default: 64 MiB). */
  maxBytes?: number;
  /** Throws ExtractError for malformed input; the caller turns it into a warning naming the file. */
  extract(file: FileInput): Found[] | Promise<Found[]>;
}

/** Malformed package metadata; `message` names the line or field. */
export class ExtractError extends Error {
  override name = "ExtractError";
}

export type { OsRelease, Package };

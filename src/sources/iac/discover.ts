import { closeSync, lstatSync, openSync, readdirSync, readSync } from "node:fs";
import { join, relative, sep } from "node:path";
import picomatch from "picomatch";
import type { IacFormat } from "./format.js";

/** Folders never worth walking: version control, dependency trees, caches. */
const SKIPPED_DIRS = new Set([".git", ".hg", ".svn", "node_modules", ".terraform", "__pycache__", ".venv"]);
const HEAD_BYTES = 4096;

export interface DiscoveredFiles {
  /** Claimed files per format name, in walk order. */
  byFormat: Map<string, string[]>;
  /** Files no format claimed. */
  unclaimed: number;
  /** Paths that were excluded by a glob. */
  excluded: number;
  /** Paths given that do not exist or cannot be read. */
  missing: string[];
}

export class IacPathError extends Error {
  override name = "IacPathError";
}

/**
 * Walks the given files and folders and asks each format, in order, whether
 * it reads each file (by name and first bytes). Symbolic links are not
 * followed, so a link cannot lead the walk outside the tree.
 */
export function discoverIacFiles(
  paths: string[],
  formats: readonly IacFormat[],
  options: { exclude?: string[]; onFile?: (count: number) => void } = {},
): DiscoveredFiles {
  const isExcluded = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : () => false;
  const result: DiscoveredFiles = { byFormat: new Map(), unclaimed: 0, excluded: 0, missing: [] };
  let seen = 0;

  const consider = (file: string, root: string) => {
    const rel = relative(root, file).split(sep).join("/");
    if (isExcluded(rel) || isExcluded(file)) {
      result.excluded++;
      return;
    }
    seen++;
    options.onFile?.(seen);
    const head = readHead(file);
    const format = formats.find((f) => safeClaims(f, file, head));
    if (!format) {
      result.unclaimed++;
      return;
    }
    const list = result.byFormat.get(format.name) ?? [];
    list.push(file);
    result.byFormat.set(format.name, list);
  };

  const walk = (dir: string, root: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      result.missing.push(dir);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        const rel = relative(root, path).split(sep).join("/");
        if (isExcluded(rel) || isExcluded(`${rel}/`)) {
          result.excluded++;
          continue;
        }
        walk(path, root);
      } else if (entry.isFile()) {
        consider(path, root);
      }
    }
  };

  for (const path of paths) {
    let stat: import("node:fs").Stats;
    try {
      stat = lstatSync(path);
    } catch {
      result.missing.push(path);
      continue;
    }
    if (stat.isDirectory()) walk(path, path);
    else if (stat.isFile()) consider(path, ".");
    else result.missing.push(path);
  }
  return result;
}

function readHead(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const buffer = Buffer.alloc(HEAD_BYTES);
    const length = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, length).toString("utf8");
  } catch {
    return "";
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function safeClaims(format: IacFormat, file: string, head: string): boolean {
  try {
    return format.claims(file, head);
  } catch {
    return false;
  }
}

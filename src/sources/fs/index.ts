import { lstat, open, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Package } from "../../model/index.js";
import { createSecretScanner, type SecretFinding, type SecretScanOptions } from "../../secrets/index.js";
import {
  detectOs,
  EXTRACTORS,
  type Extractor,
  extractFile,
  extractorsFor,
  type FoundAt,
  finalizePackages,
  isOsFile,
  maxBytesOf,
  type OsRelease,
} from "../packages/index.js";

/** A directory that cannot be read as asked: missing, not a directory, or over a cap. */
export class FilesystemError extends Error {
  override name = "FilesystemError";
}

export interface ScanFilesystemOptions {
  secrets?: boolean | SecretScanOptions;
  extractors?: readonly Extractor[];
  /** Files visited at most (default 2,000,000). */
  maxFiles?: number;
  /** Directory depth at most (default 64). */
  maxDepth?: number;
  /** Directory names never entered (default .git, .hg, .svn, proc, sys, dev at the root). */
  skipDirs?: string[];
}

export interface FilesystemScan {
  root: string;
  os?: OsRelease;
  packages: Package[];
  secrets: SecretFinding[];
  warnings: string[];
  filesVisited: number;
}

const DEFAULT_SKIP = [".git", ".hg", ".svn"];
const ROOT_SKIP = ["proc", "sys", "dev"];

async function readFileCapped(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Walks a root filesystem or a project checkout and runs the same extractors as an image scan.
 * Symbolic links are never followed (so nothing outside the root is read); inside an installed
 * npm package only its package.json and its own node_modules are visited, which keeps deep
 * dependency trees cheap.
 */
export async function scanFilesystem(
  root: string,
  options: ScanFilesystemOptions = {},
): Promise<FilesystemScan> {
  const info = await lstat(root).catch(() => undefined);
  if (!info) throw new FilesystemError(`${root}: no such directory`);
  if (!info.isDirectory()) throw new FilesystemError(`${root}: not a directory`);
  const extractors = options.extractors ?? EXTRACTORS;
  const scanner = options.secrets
    ? createSecretScanner(options.secrets === true ? {} : options.secrets)
    : undefined;
  const maxFiles = options.maxFiles ?? 2_000_000;
  const maxDepth = options.maxDepth ?? 64;
  const skip = new Set(options.skipDirs ?? DEFAULT_SKIP);
  const warnings: string[] = [];
  const secrets: SecretFinding[] = [];
  const foundAt: FoundAt[] = [];
  const osFiles = new Map<string, string>();
  let filesVisited = 0;

  // `rel` is "/a/b" relative to the root, the form the extractors' path tests expect.
  const walk = async (dir: string, rel: string, depth: number, insidePackage: boolean): Promise<void> => {
    if (depth > maxDepth) {
      warnings.push(`${rel || "/"}: deeper than ${maxDepth} levels, not entered`);
      return;
    }
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (error) {
      warnings.push(
        `${rel || "/"}: cannot read directory: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const relPath = `${rel}/${name}`;
      if (insidePackage && name !== "package.json" && name !== "node_modules") continue;
      let stats: Awaited<ReturnType<typeof lstat>>;
      try {
        stats = await lstat(path);
      } catch {
        continue;
      }
      if (stats.isSymbolicLink()) continue;
      if (stats.isDirectory()) {
        if (
          skip.has(name) ||
          (rel === "" && ROOT_SKIP.includes(name) && depth === 0 && (await isRootFs(root)))
        )
          continue;
        // node_modules/<pkg> and node_modules/@scope/<pkg> are installed packages.
        const parent = rel.slice(rel.lastIndexOf("/") + 1);
        const grand = rel.slice(0, rel.lastIndexOf("/"));
        const isPackageDir =
          (parent === "node_modules" && !name.startsWith("@") && !name.startsWith(".")) ||
          (parent.startsWith("@") && grand.endsWith("/node_modules"));
        await walk(path, relPath, depth + 1, isPackageDir);
        continue;
      }
      if (!stats.isFile()) continue;
      if (++filesVisited > maxFiles)
        throw new FilesystemError(`${root}: more than ${maxFiles} files, stopped (raise maxFiles)`);
      const file = { path: relPath, size: stats.size, mode: stats.mode & 0o7777 };
      const chosen = extractorsFor(file, extractors);
      let want = chosen.length > 0 ? maxBytesOf(chosen) : 0;
      if (isOsFile(relPath)) want = Math.max(want, 64 * 1024);
      const secretBytes =
        scanner && !relPath.includes("/node_modules/") ? scanner.wants(relPath, stats.size) : 0;
      want = Math.max(want, secretBytes);
      if (want === 0) continue;
      if (stats.size > want) {
        if (chosen.length > 0)
          warnings.push(`${relPath.slice(1)}: ${stats.size} bytes is over the size cap, not read`);
        continue;
      }
      let content: Buffer;
      try {
        content = await readFileCapped(path, stats.size);
      } catch (error) {
        warnings.push(
          `${relPath.slice(1)}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        );
        continue;
      }
      if (isOsFile(relPath)) osFiles.set(relPath, content.toString("utf8"));
      if (chosen.length > 0) {
        const result = await extractFile({ ...file, content }, chosen);
        if (result.found.length > 0) foundAt.push({ path: relPath.slice(1), found: result.found });
        warnings.push(...result.warnings.map((w) => (w.startsWith("/") ? w.slice(1) : w)));
      }
      if (secretBytes > 0 && scanner) secrets.push(...scanner.scan(relPath.slice(1), content));
    }
  };
  await walk(root, "", 0, false);
  const os = detectOs(osFiles);
  const scan: FilesystemScan = {
    root,
    packages: finalizePackages(foundAt, os),
    secrets,
    warnings,
    filesVisited,
  };
  if (os) scan.os = os;
  return scan;
}

let rootFsCache: { root: string; value: boolean } | undefined;
/** A root filesystem (has /etc and /usr): its /proc, /sys and /dev are kernel views, not files to scan. */
async function isRootFs(root: string): Promise<boolean> {
  if (rootFsCache?.root === root) return rootFsCache.value;
  const has = async (p: string) =>
    (await lstat(join(root, p)).catch(() => undefined))?.isDirectory() ?? false;
  const value = (await has("etc")) && (await has("usr"));
  rootFsCache = { root, value };
  return value;
}

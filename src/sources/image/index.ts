import { stat } from "node:fs/promises";
import type { Package, Resource } from "../../model/index.js";
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
import { openLocalImage } from "./archive.js";
import { type ImageConfig, type ImageFileFacts, imageResource, parseImageConfig } from "./config.js";
import { ImageError } from "./errors.js";
import { type EntryType, type FileEntry, LayeredFilesystem } from "./filesystem.js";
import { type LayerEntry, readLayer } from "./layer.js";
import { formatBytes, type ImageLimits, resolveLimits } from "./limits.js";
import { openRegistryImage, type RegistryAuth } from "./registry.js";
import { type ImageSource, type LayerRef, parsePlatform } from "./source.js";

export type { ImageConfig, ImageFileFacts } from "./config.js";
export { ImageError, RegistryError } from "./errors.js";
export type { ImageLimits } from "./limits.js";
export { DEFAULT_LIMITS } from "./limits.js";
export type { RegistryAuth } from "./registry.js";
export { parseImageReference } from "./registry.js";

export interface ReadImageOptions {
  /** os/arch[/variant] for a multi-platform index (default linux/amd64). */
  platform?: string;
  limits?: Partial<ImageLimits>;
  /** Registry credentials; otherwise the docker config file's, otherwise anonymous. */
  auth?: RegistryAuth;
  /** Path of a docker config.json (default $DOCKER_CONFIG/config.json, then ~/.docker/config.json). */
  dockerConfig?: string;
  /** Talk to the registry over http (default only for localhost and 127.0.0.1). */
  plainHttp?: boolean;
  /** Scan file contents for secrets (true for the defaults). */
  secrets?: boolean | SecretScanOptions;
  /** Restrict package extraction to these extractors (default: all). */
  extractors?: readonly Extractor[];
  /** Where a compressed archive (docker save | gzip) is decompressed for the read (default: the OS temp folder). */
  tempDir?: string;
  /** Called once per layer as it is read (progress). */
  onLayer?: (index: number, total: number, layer: LayerRef) => void;
}

/** One path of the final filesystem. */
export interface FileRecord {
  type: EntryType;
  mode: number;
  size: number;
  layerDigest: string;
  linkTarget?: string;
}

export type FileIndex = Map<string, FileRecord>;

export interface ImageScan {
  ref: string;
  kind: ImageSource["kind"];
  repoTags: string[];
  /** Manifest digest when the image came from an OCI layout or a registry. */
  digest?: string;
  config: ImageConfig;
  os?: OsRelease;
  packages: Package[];
  files: FileIndex;
  layers: LayerRef[];
  facts: ImageFileFacts;
  /** The `docker.image-config` resource for the checks. */
  resource: Resource;
  secrets: SecretFinding[];
  warnings: string[];
}

const SUDO_PATHS = ["/usr/bin/sudo", "/bin/sudo", "/usr/sbin/sudo", "/usr/bin/doas", "/usr/local/bin/sudo"];
const CACHE_DIRS = [
  "/var/cache/apt/archives",
  "/var/lib/apt/lists",
  "/var/cache/apk",
  "/var/cache/yum",
  "/var/cache/dnf",
  "/root/.cache/pip",
  "/root/.npm/_cacache",
  "/usr/local/share/.cache/yarn",
];

async function openSource(
  target: string,
  options: ReadImageOptions,
  limits: ImageLimits,
): Promise<ImageSource> {
  const platform = (() => {
    try {
      return parsePlatform(options.platform ?? "linux/amd64");
    } catch (error) {
      throw new ImageError((error as Error).message);
    }
  })();
  const prefixed = /^(docker-archive|oci-archive|oci|registry|docker):(?:\/\/)?(.*)$/.exec(target);
  if (prefixed) {
    const [, kind, rest] = prefixed as unknown as [string, string, string];
    if (kind === "registry" || kind === "docker") return openRegistryImage(rest, platform, limits, options);
    return openLocalImage(rest, platform, limits, options.tempDir);
  }
  if (
    await stat(target).then(
      () => true,
      () => false,
    )
  )
    return openLocalImage(target, platform, limits, options.tempDir);
  // A missing file named like one is a typo, not a registry reference.
  if (/^\.{0,2}\//.test(target) || /\.(?:tar|tgz|tar\.gz|tar\.zst)$/.test(target))
    throw new ImageError(`${target}: no such file or directory`);
  return openRegistryImage(target, platform, limits, options);
}

/**
 * Reads an image — docker-archive, OCI layout (folder or tar) or a registry reference — layer
 * by layer as streams, and returns its config, packages, file index and (optionally) secrets.
 * Memory holds the file index and one wanted file at a time, never a whole layer.
 */
export async function readImage(target: string, options: ReadImageOptions = {}): Promise<ImageScan> {
  const limits = resolveLimits(options.limits);
  const source = await openSource(target, options, limits);
  try {
    return await readSource(source, options, limits);
  } finally {
    await source.close?.();
  }
}

async function readSource(
  source: ImageSource,
  options: ReadImageOptions,
  limits: ImageLimits,
): Promise<ImageScan> {
  const config = parseImageConfig(source.config, source.ref);
  const extractors = options.extractors ?? EXTRACTORS;
  const scanner = options.secrets
    ? createSecretScanner(options.secrets === true ? {} : options.secrets)
    : undefined;
  const fs = new LayeredFilesystem();
  const counters = { entries: 0, bytes: 0 };
  const warnings: string[] = [];
  const secrets: SecretFinding[] = [];

  for (let i = 0; i < source.layers.length; i++) {
    const layer = source.layers[i] as LayerRef;
    options.onLayer?.(i, source.layers.length, layer);
    const blob = await source.openLayer(layer);
    const layerName = layer.digest;
    const staged = new Map<string, FileEntry>();
    const wantedBy = new Map<string, Extractor[]>();
    await readLayer(
      blob,
      layerName,
      limits,
      counters,
      {
        whiteout: (path) => fs.stageWhiteout(path),
        opaque: (dir) => fs.stageOpaque(dir),
        wants: (entry) => {
          const info = { path: entry.path, size: entry.size, mode: entry.mode };
          const chosen = extractorsFor(info, extractors);
          let max = chosen.length > 0 ? maxBytesOf(chosen) : 0;
          if (isOsFile(entry.path)) max = Math.max(max, 64 * 1024);
          if (scanner) max = Math.max(max, scanner.wants(entry.path, entry.size));
          if (max > 0 && entry.size > Math.min(max, limits.maxKeptFileBytes)) {
            if (chosen.length > 0)
              warnings.push(
                `${entry.path} (layer ${layerName}): ${formatBytes(entry.size)} is over the size cap, not read`,
              );
            return 0;
          }
          if (chosen.length > 0) wantedBy.set(entry.path, chosen);
          return max;
        },
        // A file read only for the secret scan is dropped at its first chunk when that holds a NUL byte.
        keep: (entry, head) =>
          wantedBy.has(entry.path) || isOsFile(entry.path) || !head.subarray(0, 8192).includes(0),
        entry: async (entry: LayerEntry, content: Buffer | undefined) => {
          const fileEntry: FileEntry = { type: entry.type, mode: entry.mode, size: entry.size, layer: i };
          if (entry.linkTarget !== undefined) fileEntry.linkTarget = entry.linkTarget;
          if (entry.uid !== undefined) fileEntry.uid = entry.uid;
          if (entry.gid !== undefined) fileEntry.gid = entry.gid;
          if (content) {
            if (isOsFile(entry.path)) fileEntry.text = content.toString("utf8");
            const chosen = wantedBy.get(entry.path);
            if (chosen) {
              wantedBy.delete(entry.path);
              const result = await extractFile(
                { path: entry.path, size: entry.size, mode: entry.mode, content },
                chosen,
              );
              if (result.found.length > 0) fileEntry.found = result.found;
              for (const w of result.warnings) warnings.push(`${w} (layer ${layerName})`);
            }
            if (scanner) secrets.push(...scanner.scan(entry.path, content, layer.digest));
          } else if (entry.type === "hardlink" && entry.linkTarget) {
            // A hard link shares its target's content: carry over what was found in it, when the
            // link's own path is one the extractors read (a dpkg status linked from elsewhere).
            const target = staged.get(entry.linkTarget) ?? fs.get(entry.linkTarget);
            const info = { path: entry.path, size: target?.size ?? 0, mode: target?.mode ?? entry.mode };
            if (target?.found && extractorsFor(info, extractors).length > 0) fileEntry.found = target.found;
            if (target?.text !== undefined && isOsFile(entry.path)) fileEntry.text = target.text;
          }
          staged.set(entry.path, fileEntry);
          fs.stage(entry.path, fileEntry);
        },
      },
      layer.diffId && source.kind === "docker-archive" ? layer.diffId : undefined,
    );
    fs.commitLayer();
  }

  const files: FileIndex = new Map();
  const foundAt: FoundAt[] = [];
  const osFiles = new Map<string, string>();
  const facts: ImageFileFacts = { setuidFiles: [], sudoPaths: [], packageCaches: [] };
  const cacheBytes = new Map<string, number>();
  for (const [path, entry] of fs.entries()) {
    const layerDigest = (source.layers[entry.layer] as LayerRef).digest;
    const record: FileRecord = { type: entry.type, mode: entry.mode, size: entry.size, layerDigest };
    if (entry.linkTarget !== undefined) record.linkTarget = entry.linkTarget;
    files.set(path, record);
    if (entry.found) foundAt.push({ path, layerDigest, found: entry.found });
    if (entry.text !== undefined) osFiles.set(path, entry.text);
    if (entry.type === "file" && (entry.mode & 0o6000) !== 0)
      facts.setuidFiles.push({ path, mode: entry.mode.toString(8).padStart(4, "0") });
    if (SUDO_PATHS.includes(path) && entry.type !== "directory") facts.sudoPaths.push(path);
    if (entry.type === "file") {
      const cache = CACHE_DIRS.find((dir) => path.startsWith(`${dir}/`));
      if (cache && !path.endsWith("/lock")) cacheBytes.set(cache, (cacheBytes.get(cache) ?? 0) + entry.size);
    }
  }
  facts.setuidFiles.sort((a, b) => (a.path < b.path ? -1 : 1));
  facts.sudoPaths.sort();
  for (const [path, bytes] of [...cacheBytes].sort())
    if (bytes > 0) facts.packageCaches.push({ path, bytes });
  foundAt.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const os = detectOs(osFiles);
  const packages = finalizePackages(foundAt, os);
  const scan: ImageScan = {
    ref: source.ref,
    kind: source.kind,
    repoTags: source.repoTags,
    config,
    packages,
    files,
    layers: source.layers,
    facts,
    resource: imageResource(
      source.ref,
      source.repoTags,
      config,
      facts,
      source.manifestDigest,
      source.configDigest,
    ),
    secrets,
    warnings,
  };
  if (source.manifestDigest) scan.digest = source.manifestDigest;
  if (os) scan.os = os;
  return scan;
}

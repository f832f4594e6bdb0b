import { createReadStream, createWriteStream, statSync } from "node:fs";
import { mkdtemp, open, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ImageError } from "./errors.js";
import type { ImageLimits } from "./limits.js";
import { type ImageSource, type LayerRef, type Platform, platformMatches } from "./source.js";
import { byteCap, digestVerifier, peekCompression, readAll, through } from "./streams.js";
import { indexTarFile, type OuterEntry } from "./tar-index.js";

/** Read access to the files of an outer image container: a tar on disk or an OCI layout folder. */
interface Container {
  describe: string;
  has(name: string): boolean;
  open(name: string): Readable;
  size(name: string): number | undefined;
}

function tarContainer(file: string, entries: Map<string, OuterEntry>, shown = file): Container {
  const resolve = (name: string, hops = 0): OuterEntry | undefined => {
    const entry = entries.get(name);
    if (entry?.type !== "symlink" || hops > 16) return entry;
    // docker save links a repeated layer to the first copy: "<id>/layer.tar" -> "../<id2>/layer.tar".
    const dir = name.split("/").slice(0, -1);
    for (const part of (entry.linkTarget ?? "").split("/")) {
      if (part === "..") dir.pop();
      else if (part !== "." && part !== "") dir.push(part);
    }
    return resolve(dir.join("/"), hops + 1);
  };
  return {
    describe: shown,
    has: (name) => resolve(name)?.type === "file",
    size: (name) => resolve(name)?.size,
    open: (name) => {
      const entry = resolve(name);
      if (entry?.type !== "file") throw new ImageError(`${shown}: no entry "${name}" in the archive`);
      if (entry.size === 0) return createReadStream(file, { start: 1, end: 0 });
      return createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1 });
    },
  };
}

function dirContainer(dir: string): Container {
  // Names come from fixed layout names or from validated digests (blobPath), never from entries.
  const sizeOf = (name: string) => {
    try {
      const info = statSync(join(dir, name));
      return info.isFile() ? info.size : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    describe: dir,
    has: (name) => sizeOf(name) !== undefined,
    size: sizeOf,
    open: (name) => {
      if (sizeOf(name) === undefined) throw new ImageError(`${dir}: no file "${name}" in the layout`);
      return createReadStream(join(dir, name));
    },
  };
}

async function readDocument(container: Container, name: string, limits: ImageLimits): Promise<unknown> {
  const bytes = await readAll(
    container.open(name),
    limits.maxDocumentBytes,
    `${container.describe}: ${name}`,
  );
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new ImageError(`${container.describe}: ${name} is not valid JSON: ${(error as Error).message}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function blobPath(digest: string, where: string): string {
  const m = /^(sha256|sha512):([0-9a-f]{64,128})$/.exec(digest);
  if (!m) throw new ImageError(`${where}: invalid digest "${digest}"`);
  return `blobs/${m[1]}/${m[2]}`;
}

/** Reads a blob and checks it against its digest. */
async function readBlob(
  container: Container,
  digest: string,
  limits: ImageLimits,
  what: string,
): Promise<Buffer> {
  const path = blobPath(digest, `${container.describe}: ${what}`);
  const stream = through(
    container.open(path),
    digestVerifier(digest, `${container.describe}: ${what} ${digest}`),
  );
  return readAll(stream, limits.maxDocumentBytes, `${container.describe}: ${what}`);
}

const INDEX_TYPES = new Set([
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);

/** OCI image layout (index.json → [index →] manifest → config + layers), in a folder or a tar. */
async function ociSource(
  container: Container,
  kind: "oci-layout" | "oci-archive",
  platform: Platform,
  limits: ImageLimits,
): Promise<ImageSource> {
  const where = container.describe;
  let index = await readDocument(container, "index.json", limits);
  let descriptor: Record<string, unknown> | undefined;
  const repoTags: string[] = [];
  for (let depth = 0; depth < 4; depth++) {
    if (!isObject(index) || !Array.isArray(index.manifests) || index.manifests.length === 0)
      throw new ImageError(`${where}: index has no "manifests"`);
    const manifests = index.manifests.filter(isObject);
    const chosen =
      manifests.length === 1
        ? manifests[0]
        : (manifests.find((m) => platformMatches(m.platform, platform)) ?? undefined);
    if (!chosen) {
      const offered = manifests.map((m) =>
        isObject(m.platform) ? `${m.platform.os}/${m.platform.architecture}` : "?",
      );
      throw new ImageError(
        `${where}: no image for platform ${platform.os}/${platform.architecture} (has ${offered.join(", ")})`,
      );
    }
    const tag = isObject(chosen.annotations)
      ? chosen.annotations["org.opencontainers.image.ref.name"]
      : undefined;
    if (typeof tag === "string") repoTags.push(tag);
    const digest = String(chosen.digest);
    const doc = JSON.parse(
      (await readBlob(container, digest, limits, "manifest")).toString("utf8"),
    ) as unknown;
    if (INDEX_TYPES.has(String(chosen.mediaType)) || (isObject(doc) && Array.isArray(doc.manifests))) {
      index = doc;
      continue;
    }
    descriptor = { ...chosen, doc };
    break;
  }
  if (!descriptor) throw new ImageError(`${where}: image indexes nested too deep`);
  const manifest = descriptor.doc;
  if (!isObject(manifest) || !isObject(manifest.config) || !Array.isArray(manifest.layers))
    throw new ImageError(`${where}: manifest ${String(descriptor.digest)} has no config or layers`);
  const configDigest = String(manifest.config.digest);
  const config = await readBlob(container, configDigest, limits, "config");
  const diffIds = diffIdsOf(config);
  if (manifest.layers.length > limits.maxLayers)
    throw new ImageError(`${where}: more than ${limits.maxLayers} layers`);
  const layers: LayerRef[] = manifest.layers.filter(isObject).map((layer, i) => {
    const ref: LayerRef = { digest: String(layer.digest) };
    if (typeof layer.mediaType === "string") ref.mediaType = layer.mediaType;
    if (typeof layer.size === "number") ref.size = layer.size;
    const diffId = diffIds[i];
    if (diffId) ref.diffId = diffId;
    return ref;
  });
  return {
    kind,
    ref: where,
    repoTags,
    manifestDigest: String(descriptor.digest),
    configDigest,
    config,
    layers,
    openLayer: async (layer) => {
      const path = blobPath(layer.digest, `${where}: layer`);
      return through(container.open(path), digestVerifier(layer.digest, `${where}: layer ${layer.digest}`));
    },
  };
}

function diffIdsOf(config: Buffer): string[] {
  try {
    const doc = JSON.parse(config.toString("utf8")) as { rootfs?: { diff_ids?: unknown } };
    return Array.isArray(doc.rootfs?.diff_ids) ? doc.rootfs.diff_ids.map(String) : [];
  } catch {
    return [];
  }
}

/** `docker save` output: manifest.json names the config and the layer tars (plain, or gzip with newer Docker). */
async function dockerArchiveSource(container: Container, limits: ImageLimits): Promise<ImageSource> {
  const where = container.describe;
  const manifest = await readDocument(container, "manifest.json", limits);
  if (!Array.isArray(manifest) || manifest.length === 0 || !isObject(manifest[0]))
    throw new ImageError(`${where}: manifest.json is not a non-empty list of images`);
  const image = manifest[0];
  const configName = image.Config;
  if (typeof configName !== "string" || !Array.isArray(image.Layers))
    throw new ImageError(`${where}: manifest.json[0] needs "Config" and "Layers"`);
  const config = await readAll(
    container.open(configName),
    limits.maxDocumentBytes,
    `${where}: ${configName}`,
  );
  const diffIds = diffIdsOf(config);
  if (image.Layers.length !== diffIds.length)
    throw new ImageError(
      `${where}: manifest.json lists ${image.Layers.length} layers, config rootfs.diff_ids ${diffIds.length}`,
    );
  if (image.Layers.length > limits.maxLayers)
    throw new ImageError(`${where}: more than ${limits.maxLayers} layers`);
  const layers: LayerRef[] = image.Layers.map((entry, i) => {
    const diffId = diffIds[i] as string;
    const name = String(entry);
    if (!container.has(name))
      throw new ImageError(`${where}: layer "${name}" named in manifest.json is missing`);
    const ref: LayerRef = { digest: diffId, diffId, entry: name };
    const size = container.size(name);
    if (size !== undefined) ref.size = size;
    return ref;
  });
  const repoTags = Array.isArray(image.RepoTags) ? image.RepoTags.map(String) : [];
  return {
    kind: "docker-archive",
    ref: where,
    repoTags,
    configDigest: `sha256:${configName.replace(/^blobs\/sha256\//, "").replace(/\.json$/, "")}`,
    config,
    layers,
    // The diff_id is the digest of the uncompressed tar; the reader verifies it after decompression.
    openLayer: async (layer) => container.open(layer.entry as string),
  };
}

/** Opens a docker-archive or OCI archive tar file, or an OCI layout folder. */
export async function openLocalImage(
  path: string,
  platform: Platform,
  limits: ImageLimits,
  tempDir: string = tmpdir(),
): Promise<ImageSource> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new ImageError(`${path}: no such file or directory`);
  if (info.isDirectory()) {
    const layoutFile = await readFile(join(path, "oci-layout"), "utf8").catch(() => undefined);
    const hasIndex = await stat(join(path, "index.json")).then(
      () => true,
      () => false,
    );
    if (!hasIndex)
      throw new ImageError(
        `${path}: not an OCI image layout (no index.json${layoutFile ? "" : ", no oci-layout"})`,
      );
    const container = dirContainer(path);
    return ociSource(container, "oci-layout", platform, limits);
  }
  const head = Buffer.alloc(4);
  const handle = await open(path, "r");
  await handle.read(head, 0, 4, 0).finally(() => handle.close());
  if (
    (head[0] === 0x1f && head[1] === 0x8b) ||
    (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd)
  ) {
    // `docker save | gzip`: blobs cannot be read in place inside a compressed stream, so the
    // archive is decompressed once to a private temporary file (layers are still not unpacked).
    const dir = await mkdtemp(join(tempDir, "mamori-image-"));
    const plain = join(dir, "image.tar");
    const cleanup = () => rm(dir, { recursive: true, force: true });
    try {
      const { stream, decompressor } = await peekCompression(createReadStream(path));
      await pipeline(
        stream,
        decompressor,
        byteCap(limits.maxTotalBytes, path),
        createWriteStream(plain, { mode: 0o600 }),
      );
      const source = await openTarImage(plain, platform, limits, path);
      return { ...source, close: cleanup };
    } catch (error) {
      await cleanup();
      if (error instanceof ImageError) throw error;
      throw new ImageError(`${path}: cannot decompress the archive: ${(error as Error).message}`);
    }
  }
  return openTarImage(path, platform, limits, path);
}

async function openTarImage(
  file: string,
  platform: Platform,
  limits: ImageLimits,
  shown: string,
): Promise<ImageSource> {
  // The outer tar holds a few documents and blobs; its own cap is fixed and generous.
  const entries = await indexTarFile(file, 1_000_000, shown);
  const container = tarContainer(file, entries, shown);
  if (entries.has("manifest.json")) return dockerArchiveSource(container, limits);
  if (entries.has("index.json")) return ociSource(container, "oci-archive", platform, limits);
  throw new ImageError(`${shown}: neither a docker-archive (manifest.json) nor an OCI archive (index.json)`);
}

// Builders for test images: layer tars made with tar-stream, so tests control whiteouts,
// traversal names and symlinks exactly; packed as docker-archive, OCI layout or OCI tar.
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import tar from "tar-stream";

export interface TarEntry {
  name: string;
  type?: "file" | "directory" | "symlink" | "link";
  content?: string | Buffer;
  mode?: number;
  linkname?: string;
}

export async function makeTar(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve, reject) => {
    pack.on("end", () => resolve());
    pack.on("error", reject);
  });
  for (const e of entries) {
    const type = e.type ?? "file";
    const content = typeof e.content === "string" ? Buffer.from(e.content) : e.content;
    await new Promise<void>((resolve, reject) => {
      const header: Partial<tar.Header> & { name: string } = {
        name: e.name,
        type,
        mode: e.mode ?? (type === "directory" ? 0o755 : 0o644),
      };
      if (e.linkname !== undefined) header.linkname = e.linkname;
      if (type === "file") {
        header.size = content?.length ?? 0;
        pack.entry(header, content ?? Buffer.alloc(0), (err) => (err ? reject(err) : resolve()));
      } else {
        pack.entry(header, (err) => (err ? reject(err) : resolve()));
      }
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export function sha256(data: Buffer): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

/** A valid zstd frame made of raw (stored) blocks: enough to test the zstd path without an encoder. */
export function zstdStored(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, (17 - 10) << 3])];
  const blockSize = 64 * 1024;
  for (let at = 0; at < data.length || at === 0; at += blockSize) {
    const chunk = data.subarray(at, at + blockSize);
    const last = at + blockSize >= data.length ? 1 : 0;
    const header = (chunk.length << 3) | last; // block type 0 = raw
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), chunk);
    if (data.length === 0) break;
  }
  return Buffer.concat(parts);
}

export interface TestImage {
  layers: Buffer[]; // uncompressed layer tars
  compress?: "gzip" | "zstd" | "none";
  config?: Record<string, unknown>;
  repoTag?: string;
}

function configFor(image: TestImage): Buffer {
  const diffIds = image.layers.map(sha256);
  return Buffer.from(
    JSON.stringify({
      architecture: "amd64",
      os: "linux",
      config: { Env: ["PATH=/usr/bin"], ...(image.config ?? {}) },
      rootfs: { type: "layers", diff_ids: diffIds },
      history: image.layers.map((_, i) => ({ created_by: `/bin/sh -c step ${i}` })),
    }),
  );
}

function compressed(layer: Buffer, how: TestImage["compress"]): Buffer {
  if (how === "gzip") return gzipSync(layer);
  if (how === "zstd") return zstdStored(layer);
  return layer;
}

/** docker save layout: manifest.json, <config>.json, <n>/layer.tar. */
export async function dockerArchive(image: TestImage): Promise<Buffer> {
  const config = configFor(image);
  const configName = `${sha256(config).slice(7)}.json`;
  const entries: TarEntry[] = [{ name: configName, content: config }];
  const layerNames: string[] = [];
  image.layers.forEach((layer, i) => {
    const name = `layer${i}/layer.tar`;
    layerNames.push(name);
    entries.push(
      { name: `layer${i}/`, type: "directory" },
      { name, content: compressed(layer, image.compress) },
    );
  });
  entries.push({
    name: "manifest.json",
    content: JSON.stringify([
      { Config: configName, RepoTags: [image.repoTag ?? "test/image:1"], Layers: layerNames },
    ]),
  });
  return makeTar(entries);
}

/** OCI image layout as a map of file name → bytes (for a folder or a tar). */
export function ociLayoutFiles(image: TestImage, platforms?: string[]): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const blob = (data: Buffer) => {
    const digest = sha256(data);
    files.set(`blobs/sha256/${digest.slice(7)}`, data);
    return { digest, size: data.length };
  };
  const config = configFor(image);
  const layerType =
    image.compress === "gzip"
      ? "application/vnd.oci.image.layer.v1.tar+gzip"
      : image.compress === "zstd"
        ? "application/vnd.oci.image.layer.v1.tar+zstd"
        : "application/vnd.oci.image.layer.v1.tar";
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", ...blob(config) },
      layers: image.layers.map((l) => ({ mediaType: layerType, ...blob(compressed(l, image.compress)) })),
    }),
  );
  const manifestRef = { mediaType: "application/vnd.oci.image.manifest.v1+json", ...blob(manifest) };
  let top: Record<string, unknown>[] = [
    { ...manifestRef, annotations: { "org.opencontainers.image.ref.name": "1" } },
  ];
  if (platforms) {
    // A multi-platform index: the wanted platform gets the real manifest, the others an empty image.
    const empty = ociLayoutFiles({ layers: [] });
    for (const [k, v] of empty) if (k.startsWith("blobs/")) files.set(k, v);
    const emptyIndex = JSON.parse((empty.get("index.json") as Buffer).toString()) as {
      manifests: { digest: string; size: number }[];
    };
    const emptyRef = emptyIndex.manifests[0] as { digest: string; size: number };
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.index.v1+json",
        manifests: platforms.map((p, i) => {
          const [os, architecture] = p.split("/");
          const ref =
            i === 0 ? manifestRef : { mediaType: "application/vnd.oci.image.manifest.v1+json", ...emptyRef };
          return { ...ref, platform: { os, architecture } };
        }),
      }),
    );
    top = [{ mediaType: "application/vnd.oci.image.index.v1+json", ...blob(index) }];
  }
  files.set("oci-layout", Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
  files.set("index.json", Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: top })));
  return files;
}

export async function writeOciLayout(dir: string, files: Map<string, Buffer>): Promise<void> {
  for (const [name, data] of files) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), data);
  }
}

export async function ociArchive(files: Map<string, Buffer>): Promise<Buffer> {
  return makeTar([...files].map(([name, content]) => ({ name, content })));
}

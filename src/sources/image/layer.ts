import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import { ImageError } from "./errors.js";
import type { EntryType } from "./filesystem.js";
import { formatBytes, type ImageLimits } from "./limits.js";
import { basename, checkSymlinkTarget, dirname, normalizeEntryPath } from "./paths.js";
import { byteCap, digestVerifier, peekCompression } from "./streams.js";

/** One tar entry, with its path made absolute and checked. */
export interface LayerEntry {
  path: string;
  type: EntryType;
  mode: number;
  size: number;
  uid?: number;
  gid?: number;
  linkTarget?: string;
}

/** What a layer's reader is told, entry by entry. */
export interface LayerVisitor {
  /** Whiteout `.wh.NAME`: the path it hides. */
  whiteout(path: string): void;
  /** Opaque marker `.wh..wh..opq`: the directory it empties. */
  opaque(dir: string): void;
  /** How many bytes of this entry's content to read (0: skip it without reading into memory). */
  wants(entry: LayerEntry): number;
  /** Given the first chunk of a wanted file, whether to keep reading it into memory (default yes). */
  keep?(entry: LayerEntry, head: Buffer): boolean;
  /** The entry, with its content when `wants` asked for it and it fits. */
  entry(entry: LayerEntry, content: Buffer | undefined): Promise<void> | void;
}

export interface LayerCounters {
  entries: number;
  bytes: number;
}

function entryType(type: tar.Header["type"]): EntryType {
  switch (type) {
    case "file":
    case "contiguous-file":
    case undefined:
    case null:
      return "file";
    case "directory":
      return "directory";
    case "symlink":
      return "symlink";
    case "link":
      return "hardlink";
    default:
      return "other";
  }
}

/**
 * Streams one layer blob (gzip, zstd or plain tar) through a tar parser. Nothing is written to
 * disk; an entry's content is read into memory only when the visitor wants it, up to the size
 * it asked for. Paths are checked before the visitor sees them.
 */
export async function readLayer(
  blob: Readable,
  layerName: string,
  limits: ImageLimits,
  counters: LayerCounters,
  visitor: LayerVisitor,
  /** The uncompressed tar's digest to verify (docker-archive layers are named by it). */
  diffId?: string,
): Promise<void> {
  const { stream, decompressor } = await peekCompression(blob);
  const extract = tar.extract();
  const totalLeft = limits.maxTotalBytes - counters.bytes;
  const cap = byteCap(Math.min(limits.maxLayerBytes, totalLeft), `layer ${layerName}`, (n) => {
    counters.bytes += n;
  });
  const piping = diffId
    ? pipeline(
        stream,
        decompressor,
        digestVerifier(diffId, `layer ${layerName} (uncompressed)`),
        cap,
        extract,
      )
    : pipeline(stream, decompressor, cap, extract);
  piping.catch(() => undefined); // surfaced through the iterator below, and awaited at the end
  try {
    for await (const raw of extract) {
      const header = raw.header;
      const where = `layer ${layerName}: entry "${header.name}"`;
      if (++counters.entries > limits.maxEntries) {
        throw new ImageError(
          `layer ${layerName}: more than ${limits.maxEntries} entries in the image, refused`,
        );
      }
      const path = normalizeEntryPath(header.name, where);
      const name = basename(path);
      if (name.startsWith(".wh.")) {
        if (name === ".wh..wh..opq") visitor.opaque(dirname(path));
        else if (!name.startsWith(".wh..wh."))
          visitor.whiteout(`${dirname(path) === "/" ? "" : dirname(path)}/${name.slice(4)}`);
        raw.resume();
        continue;
      }
      if (path === "/") {
        raw.resume();
        continue;
      }
      const entry: LayerEntry = {
        path,
        type: entryType(header.type),
        mode: (header.mode ?? 0) & 0o7777,
        size: header.size ?? 0,
      };
      if (header.uid !== undefined) entry.uid = header.uid;
      if (header.gid !== undefined) entry.gid = header.gid;
      if (entry.type === "symlink") {
        const target = header.linkname ?? "";
        checkSymlinkTarget(path, target, `layer ${layerName}`);
        entry.linkTarget = target;
      } else if (entry.type === "hardlink") {
        entry.linkTarget = normalizeEntryPath(header.linkname ?? "", `${where} (hard link target)`);
      }
      const wanted = entry.type === "file" ? visitor.wants(entry) : 0;
      let content: Buffer | undefined;
      if (wanted > 0 && entry.size <= wanted) {
        const chunks: Buffer[] = [];
        let keep = true;
        for await (const chunk of raw) {
          // The first chunk decides whether the rest is worth holding (a binary for the secret scan is not).
          if (chunks.length === 0 && visitor.keep && !visitor.keep(entry, chunk as Buffer)) keep = false;
          if (keep) chunks.push(chunk as Buffer);
        }
        if (keep) content = Buffer.concat(chunks);
      } else {
        raw.resume();
      }
      await visitor.entry(entry, content);
    }
    await piping;
  } catch (error) {
    blob.destroy();
    if (error instanceof ImageError) throw error;
    throw new ImageError(`layer ${layerName}: not a readable tar stream: ${(error as Error).message}`);
  }
}

export { formatBytes };

import { createReadStream } from "node:fs";
import { mkdir, open, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import yauzl from "yauzl";
import { ImageError } from "../sources/image/errors.js";
import { formatBytes } from "../sources/image/limits.js";
import { checkSymlinkTarget, normalizeEntryPath } from "../sources/image/paths.js";
import { byteCap, peekCompression } from "../sources/image/streams.js";

/**
 * Unpacks an uploaded IaC archive (`.tar`, `.tar.gz` or `.zip`) into a
 * private folder. The archive is untrusted: entry names are checked before
 * anything is written (no absolute paths, no `..`), links are never created
 * (a symlink or hard link is skipped, and one pointing outside the archive
 * refuses it), and entry count, entry size and total uncompressed size are
 * capped, so a decompression bomb stops early.
 */
export class ArchiveError extends Error {
  override name = "ArchiveError";
}

export interface ArchiveLimits {
  maxEntries: number;
  /** Uncompressed bytes of one file. */
  maxFileBytes: number;
  /** Uncompressed bytes of the whole archive. */
  maxTotalBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 20_000,
  maxFileBytes: 16 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
};

export interface ExtractResult {
  format: "zip" | "tar";
  files: number;
  bytes: number;
  /** Entries left out (links, devices), one line each. */
  skipped: string[];
}

/** Unpacks `file` into the existing, empty folder `dest`; names the archive `shown` in errors. */
export async function extractArchive(
  file: string,
  dest: string,
  shown: string,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ExtractResult> {
  const head = Buffer.alloc(4);
  const handle = await open(file, "r");
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  try {
    // "PK\3\4" (a local file header) or "PK\5\6" (the end record of an empty zip).
    if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5))
      return await extractZip(file, dest, shown, limits);
    return await extractTar(file, dest, shown, limits);
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    if (error instanceof ImageError) throw new ArchiveError(error.message);
    throw new ArchiveError(`${shown}: not a readable archive: ${(error as Error).message}`);
  }
}

/** The checked relative path of an entry ("a/b.tf"), or undefined for the archive root itself. */
function entryPath(name: string, where: string): string | undefined {
  if (/^[A-Za-z]:[\\/]/.test(name) || name.startsWith("\\"))
    throw new ArchiveError(`${where}: absolute path "${name}" refused`);
  const path = normalizeEntryPath(name.replaceAll("\\", "/"), where).slice(1);
  return path === "" ? undefined : path;
}

/** Refuses a link that leaves the archive (absolute, or climbing above its root); in-archive links are skipped. */
function checkLink(path: string, target: string, where: string): void {
  if (target.startsWith("/") || /^[A-Za-z]:[\\/]/.test(target))
    throw new ArchiveError(`${where}: link "${path}" -> "${target}" points outside the archive, refused`);
  try {
    checkSymlinkTarget(`/${path}`, target, where);
  } catch {
    throw new ArchiveError(`${where}: link "${path}" -> "${target}" points outside the archive, refused`);
  }
}

async function writeEntry(dest: string, path: string, content: Buffer, where: string): Promise<void> {
  const target = join(dest, path);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  } catch (error) {
    throw new ArchiveError(`${where}: cannot write "${path}" (${(error as NodeJS.ErrnoException).code})`);
  }
}

async function extractTar(
  file: string,
  dest: string,
  shown: string,
  limits: ArchiveLimits,
): Promise<ExtractResult> {
  const result: ExtractResult = { format: "tar", files: 0, bytes: 0, skipped: [] };
  const { stream, decompressor } = await peekCompression(createReadStream(file));
  const extract = tar.extract();
  const piping = pipeline(stream, decompressor, byteCap(limits.maxTotalBytes, shown), extract);
  piping.catch(() => undefined); // surfaced through the iterator below, and awaited at the end
  let entries = 0;
  for await (const entry of extract) {
    const { header } = entry;
    const where = `${shown}: entry "${header.name}"`;
    if (++entries > limits.maxEntries)
      throw new ArchiveError(`${shown}: more than ${limits.maxEntries} entries, refused`);
    const path = entryPath(header.name, where);
    const type: string = header.type ?? "file";
    if (path === undefined || type === "directory") {
      entry.resume();
      continue;
    }
    if (type === "symlink" || type === "link") {
      checkLink(path, header.linkname ?? "", shown);
      result.skipped.push(`${path}: ${type === "link" ? "hard link" : "symlink"} not followed`);
      entry.resume();
      continue;
    }
    if (type !== "file" && type !== "contiguous-file") {
      result.skipped.push(`${path}: ${type} entry skipped`);
      entry.resume();
      continue;
    }
    if ((header.size ?? 0) > limits.maxFileBytes)
      throw new ArchiveError(`${where}: larger than ${formatBytes(limits.maxFileBytes)}, refused`);
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const content = Buffer.concat(chunks);
    await writeEntry(dest, path, content, shown);
    result.files++;
    result.bytes += content.length;
  }
  await piping;
  return result;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;

async function extractZip(
  file: string,
  dest: string,
  shown: string,
  limits: ArchiveLimits,
): Promise<ExtractResult> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    // decodeStrings (the default) makes yauzl refuse absolute and ".." names itself; entryPath checks again.
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zf) =>
      error || !zf ? reject(zipError(shown, error)) : resolve(zf),
    ),
  );
  const result: ExtractResult = { format: "zip", files: 0, bytes: 0, skipped: [] };
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new ArchiveError(`${shown}: ${zip.entryCount} entries is over the limit of ${limits.maxEntries}`);
    for (let entry = await nextEntry(zip, shown); entry; entry = await nextEntry(zip, shown)) {
      const where = `${shown}: entry "${entry.fileName}"`;
      const path = entryPath(entry.fileName, where);
      if (path === undefined || entry.fileName.endsWith("/")) continue;
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (mode === S_IFLNK) {
        checkLink(path, (await readZipEntry(zip, entry, shown, 4096)).toString("utf8"), shown);
        result.skipped.push(`${path}: symlink not followed`);
        continue;
      }
      if (mode !== 0 && mode !== S_IFREG) {
        result.skipped.push(`${path}: special file skipped`);
        continue;
      }
      if (entry.uncompressedSize > limits.maxFileBytes)
        throw new ArchiveError(`${where}: larger than ${formatBytes(limits.maxFileBytes)}, refused`);
      if (result.bytes + entry.uncompressedSize > limits.maxTotalBytes)
        throw new ArchiveError(
          `${shown}: more than ${formatBytes(limits.maxTotalBytes)} uncompressed, refused`,
        );
      const content = await readZipEntry(zip, entry, shown, limits.maxFileBytes);
      await writeEntry(dest, path, content, shown);
      result.files++;
      result.bytes += content.length;
    }
  } finally {
    zip.close();
  }
  return result;
}

function zipError(shown: string, error: Error | null | undefined): ArchiveError {
  return new ArchiveError(`${shown}: not a readable zip archive (${error?.message ?? "unknown error"})`);
}

function nextEntry(zip: yauzl.ZipFile, shown: string): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
    };
    const onEntry = (entry: yauzl.Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(undefined);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(zipError(shown, error));
    };
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}

/** One entry's content; yauzl checks it against the declared size, and `max` bounds it anyway. */
function readZipEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, shown: string, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) {
        reject(zipError(shown, error));
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (total > max) {
          stream.destroy(new ArchiveError(`${shown}: entry "${entry.fileName}" is larger than declared`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on("error", (e) => reject(e instanceof ArchiveError ? e : zipError(shown, e)));
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}

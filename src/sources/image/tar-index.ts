import { type FileHandle, open } from "node:fs/promises";
import { ImageError } from "./errors.js";
import { normalizeEntryPath } from "./paths.js";

export interface OuterEntry {
  /** Normalised path without the leading slash ("blobs/sha256/ab…", "manifest.json"). */
  name: string;
  offset: number;
  size: number;
  type: "file" | "directory" | "symlink" | "other";
  linkTarget?: string;
}

function octal(buf: Buffer, start: number, length: number): number {
  // GNU base-256 for sizes ≥ 8 GiB: high bit of the first byte set.
  if ((buf[start] as number) & 0x80) {
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + (buf[i] as number);
    return value;
  }
  const text = buf
    .toString("latin1", start, start + length)
    .replace(/\0.*$/s, "")
    .trim();
  return text === "" ? 0 : Number.parseInt(text, 8);
}

function cString(buf: Buffer, start: number, length: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString("utf8", start, end < 0 || end > start + length ? start + length : end);
}

function paxRecords(text: string): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(" ", at);
    const length = Number.parseInt(text.slice(at, space), 10);
    if (space < 0 || !Number.isFinite(length) || length <= 0) break;
    const record = text.slice(space + 1, at + length - 1);
    const eq = record.indexOf("=");
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/**
 * Lists the entries of an outer image tar (docker-archive, OCI archive) with their offsets,
 * reading only the 512-byte headers, so each layer can later be streamed straight from the
 * file without extracting anything. Understands ustar, pax and GNU long names.
 */
export async function indexTarFile(
  path: string,
  maxEntries: number,
  shown = path,
): Promise<Map<string, OuterEntry>> {
  const handle = await open(path, "r");
  try {
    return await indexHandle(handle, shown, maxEntries);
  } finally {
    await handle.close();
  }
}

async function indexHandle(
  handle: FileHandle,
  file: string,
  maxEntries: number,
): Promise<Map<string, OuterEntry>> {
  const { size: fileSize } = await handle.stat();
  const entries = new Map<string, OuterEntry>();
  const header = Buffer.alloc(512);
  let offset = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Map<string, string> | undefined;
  while (offset + 512 <= fileSize) {
    await handle.read(header, 0, 512, offset);
    if (header.every((b) => b === 0)) break;
    let checksum = 0;
    for (let i = 0; i < 512; i++) checksum += i >= 148 && i < 156 ? 32 : (header[i] as number);
    if (checksum !== octal(header, 148, 8))
      throw new ImageError(`${file}: not a tar archive (bad header checksum at byte ${offset})`);
    const size = octal(header, 124, 12);
    const typeflag = String.fromCharCode(header[156] as number);
    const dataOffset = offset + 512;
    if (dataOffset + size > fileSize)
      throw new ImageError(`${file}: truncated tar archive (entry at byte ${offset})`);
    offset = dataOffset + Math.ceil(size / 512) * 512;
    if (typeflag === "L" || typeflag === "K" || typeflag === "x") {
      if (size > 1024 * 1024)
        throw new ImageError(`${file}: oversized long-name or pax record at byte ${dataOffset}`);
      const data = Buffer.alloc(size);
      await handle.read(data, 0, size, dataOffset);
      if (typeflag === "L") longName = cString(data, 0, size);
      else if (typeflag === "K") longLink = cString(data, 0, size);
      else pax = paxRecords(data.toString("utf8"));
      continue;
    }
    if (typeflag === "g") continue;
    let name = cString(header, 0, 100);
    const magic = header.toString("latin1", 257, 263);
    if (magic.startsWith("ustar")) {
      const prefix = cString(header, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    name = pax?.get("path") ?? longName ?? name;
    const link = pax?.get("linkpath") ?? longLink ?? cString(header, 157, 100);
    const realSize = pax?.has("size") ? Number(pax.get("size")) : size;
    longName = undefined;
    longLink = undefined;
    pax = undefined;
    if (entries.size >= maxEntries) throw new ImageError(`${file}: more than ${maxEntries} entries, refused`);
    const normalized = normalizeEntryPath(name, `${file}: entry "${name}"`).slice(1);
    const type =
      typeflag === "5"
        ? "directory"
        : typeflag === "2"
          ? "symlink"
          : typeflag === "0" || typeflag === "\0" || typeflag === "7"
            ? "file"
            : "other";
    const entry: OuterEntry = { name: normalized, offset: dataOffset, size: realSize, type };
    if (type === "symlink") entry.linkTarget = link;
    entries.set(normalized, entry);
  }
  return entries;
}

import { ExtractError, type Found } from "../types.js";

// Header tags and types (rpm's lib/rpmtag.h); only those a package needs.
const TAG_NAME = 1000;
const TAG_VERSION = 1001;
const TAG_RELEASE = 1002;
const TAG_EPOCH = 1003;
const TAG_LICENSE = 1014;
const TAG_ARCH = 1022;
const TAG_SOURCERPM = 1044;
const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_STRING_ARRAY = 8;
const TYPE_I18NSTRING = 9;
const MAX_INDEX_ENTRIES = 100_000;

/**
 * Reads one rpm header blob as the rpmdb stores it (no lead magic): index count and data
 * length (big-endian int32), then 16-byte index entries (tag, type, offset, count), then data.
 * The same blob is in every rpmdb backend (SQLite, Berkeley DB, NDB).
 */
export function parseRpmHeader(blob: Uint8Array, where: string): Found | undefined {
  if (blob.length < 8) throw new ExtractError(`${where}: rpm header shorter than 8 bytes`);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const indexCount = view.getInt32(0);
  const dataLength = view.getInt32(4);
  const dataStart = 8 + indexCount * 16;
  if (
    indexCount < 0 ||
    indexCount > MAX_INDEX_ENTRIES ||
    dataLength < 0 ||
    dataStart + dataLength > blob.length
  )
    throw new ExtractError(
      `${where}: rpm header sizes out of range (${indexCount} entries, ${dataLength} data bytes)`,
    );
  const strings = new Map<number, string>();
  let epoch: number | undefined;
  const decoder = new TextDecoder();
  const readString = (offset: number): string => {
    const start = dataStart + offset;
    let end = start;
    const limit = dataStart + dataLength;
    while (end < limit && blob[end] !== 0) end++;
    return decoder.decode(blob.subarray(start, end));
  };
  for (let i = 0; i < indexCount; i++) {
    const at = 8 + i * 16;
    const tag = view.getInt32(at);
    const type = view.getUint32(at + 4);
    const offset = view.getInt32(at + 8);
    const count = view.getUint32(at + 12);
    if (offset < 0 || offset >= dataLength) continue;
    if (tag === TAG_EPOCH && type === TYPE_INT32 && count >= 1 && offset + 4 <= dataLength) {
      epoch = view.getInt32(dataStart + offset);
    } else if (
      (tag === TAG_NAME ||
        tag === TAG_VERSION ||
        tag === TAG_RELEASE ||
        tag === TAG_ARCH ||
        tag === TAG_SOURCERPM ||
        tag === TAG_LICENSE) &&
      (type === TYPE_STRING || type === TYPE_I18NSTRING || type === TYPE_STRING_ARRAY)
    ) {
      strings.set(tag, readString(offset));
    }
  }
  const name = strings.get(TAG_NAME);
  const version = strings.get(TAG_VERSION);
  // gpg-pubkey entries are keys imported into the database, not software.
  if (!name || !version || name === "gpg-pubkey") return undefined;
  const release = strings.get(TAG_RELEASE);
  const full = release ? `${version}-${release}` : version;
  const pkg: Found = { type: "rpm", name, version: full };
  if (epoch !== undefined && epoch !== 0) pkg.epoch = String(epoch);
  const arch = strings.get(TAG_ARCH);
  if (arch) pkg.arch = arch;
  const license = strings.get(TAG_LICENSE);
  if (license) pkg.licenses = [license];
  const srpm = strings.get(TAG_SOURCERPM);
  const source = srpm ? parseSourceRpm(srpm) : undefined;
  pkg.sourceName = source?.name ?? name;
  pkg.sourceVersion = source?.version ?? full;
  return pkg;
}

/** "openssl-3.0.7-24.el9.src.rpm" → { name: "openssl", version: "3.0.7-24.el9" }. */
export function parseSourceRpm(srpm: string): { name: string; version: string } | undefined {
  const m = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(srpm);
  if (!m) return undefined;
  return { name: m[1] as string, version: `${m[2]}-${m[3]}` };
}

import { ExtractError } from "../types.js";

// rpm's NDB backend (lib/backend/ndb, SUSE's Packages.db): a header with the slot page count,
// slot entries (magic, package index, block offset, block count) and blobs at 16-byte blocks,
// each with its own header (magic, package index, generation, length). Little-endian.
const HEADER_MAGIC = 0x506d7052; // "RpmP"
const SLOT_MAGIC = 0x746f6c53; // "Slot"
const BLOB_MAGIC = 0x53626c42; // "BlbS"
const PAGE = 4096;
const BLOCK = 16;
const MAX_SLOT_PAGES = 1024;

export function isNdb(db: Uint8Array): boolean {
  return (
    db.length >= 32 &&
    new DataView(db.buffer, db.byteOffset, db.byteLength).getUint32(0, true) === HEADER_MAGIC
  );
}

/** The header blob of every package in an NDB Packages.db. */
export function readNdbBlobs(db: Uint8Array, where: string): Uint8Array[] {
  if (!isNdb(db)) throw new ExtractError(`${where}: not an rpm NDB database`);
  const view = new DataView(db.buffer, db.byteOffset, db.byteLength);
  const version = view.getUint32(4, true);
  const slotPages = view.getUint32(12, true);
  if (version !== 0) throw new ExtractError(`${where}: NDB version ${version} is not supported`);
  if (slotPages === 0 || slotPages > MAX_SLOT_PAGES || slotPages * PAGE > db.length)
    throw new ExtractError(`${where}: bad NDB slot page count ${slotPages}`);
  const blobs: Uint8Array[] = [];
  // The first two 16-byte positions of the slot area hold the database header.
  const slots = (slotPages * PAGE) / BLOCK - 2;
  for (let i = 0; i < slots; i++) {
    const at = 32 + i * BLOCK;
    const magic = view.getUint32(at, true);
    const pkgIndex = view.getUint32(at + 4, true);
    if (magic !== SLOT_MAGIC) throw new ExtractError(`${where}: slot ${i} has a bad magic`);
    if (pkgIndex === 0) continue; // free slot
    const offset = view.getUint32(at + 8, true) * BLOCK;
    const count = view.getUint32(at + 12, true) * BLOCK;
    if (offset + 16 > db.length || offset + count > db.length)
      throw new ExtractError(`${where}: slot ${i} points past the end`);
    if (view.getUint32(offset, true) !== BLOB_MAGIC || view.getUint32(offset + 4, true) !== pkgIndex)
      throw new ExtractError(`${where}: blob of package ${pkgIndex} has a bad header`);
    const length = view.getUint32(offset + 12, true);
    if (length > count - 16)
      throw new ExtractError(`${where}: blob of package ${pkgIndex} is longer than its blocks`);
    blobs.push(db.subarray(offset + 16, offset + 16 + length));
  }
  return blobs;
}

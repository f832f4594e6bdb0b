import { ExtractError } from "../types.js";

// Berkeley DB hash database layout (db/dbinc/db_page.h): a metadata page, then hash pages
// whose entries alternate key and value; large values sit in chains of overflow pages.
const HASH_MAGIC = 0x061561;
const PAGE_HEADER = 26;
const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASH = 13;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;

/** Every value stored in a Berkeley DB hash file (rpm's `Packages`: one header blob per package). */
export function readBdbHashValues(db: Uint8Array, where: string): Uint8Array[] {
  if (db.length < 512) throw new ExtractError(`${where}: too short for a Berkeley DB file`);
  const view = new DataView(db.buffer, db.byteOffset, db.byteLength);
  let little = true;
  if (view.getUint32(12, true) !== HASH_MAGIC) {
    if (view.getUint32(12, false) !== HASH_MAGIC)
      throw new ExtractError(`${where}: not a Berkeley DB hash database`);
    little = false;
  }
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const pageSize = u32(20);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0)
    throw new ExtractError(`${where}: bad page size ${pageSize}`);
  const lastPage = u32(32);
  const pageCount = Math.min(lastPage + 1, Math.floor(db.length / pageSize));
  const values: Uint8Array[] = [];
  const readOverflow = (first: number, total: number): Uint8Array => {
    const out = new Uint8Array(total);
    let filled = 0;
    let pgno = first;
    let hops = 0;
    while (pgno !== 0 && filled < total) {
      if (pgno >= pageCount || ++hops > pageCount)
        throw new ExtractError(`${where}: broken overflow chain at page ${pgno}`);
      const base = pgno * pageSize;
      if (db[base + 25] !== P_OVERFLOW)
        throw new ExtractError(`${where}: page ${pgno} is not an overflow page`);
      const length = u16(base + 22); // hf_offset holds the bytes used on an overflow page
      const chunk = db.subarray(base + PAGE_HEADER, base + PAGE_HEADER + Math.min(length, total - filled));
      out.set(chunk, filled);
      filled += chunk.length;
      pgno = u32(base + 16);
    }
    if (filled !== total) throw new ExtractError(`${where}: overflow chain shorter than its ${total} bytes`);
    return out;
  };
  for (let page = 1; page < pageCount; page++) {
    const base = page * pageSize;
    const type = db[base + 25];
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue;
    const entries = u16(base + 20);
    // Odd indexes are values; even ones are keys (rpm's package numbers).
    for (let i = 1; i < entries; i += 2) {
      const offset = u16(base + PAGE_HEADER + i * 2);
      const at = base + offset;
      if (offset < PAGE_HEADER || at >= base + pageSize)
        throw new ExtractError(`${where}: page ${page} entry ${i} out of range`);
      const kind = db[at];
      if (kind === H_OFFPAGE) {
        values.push(readOverflow(u32(at + 4), u32(at + 8)));
      } else if (kind === H_KEYDATA) {
        // Inline value: it runs to the previous entry's start (entries are packed from the page end).
        const end = i === 0 ? base + pageSize : base + u16(base + PAGE_HEADER + (i - 1) * 2);
        values.push(db.subarray(at + 1, end));
      }
    }
  }
  return values;
}

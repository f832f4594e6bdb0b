import { closeSync, openSync, readSync } from "node:fs";
import { looksLikeAssetExport, readAssetExport } from "./gcp/asset-export.js";
import { readResourceSnapshot, type SnapshotItem } from "./snapshot/index.js";

/**
 * A saved inventory of any kind `mamori scan` reads, told apart by its first
 * bytes: a Cloud Asset Inventory export, else canonical resources.
 */
export function readSnapshotFile(file: string): AsyncGenerator<SnapshotItem> {
  return looksLikeAssetExport(head(file)) ? readAssetExport(file) : readResourceSnapshot(file);
}

function head(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const buffer = Buffer.alloc(8192);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString("utf8");
  } catch {
    return ""; // the reader reports the unreadable file with its reason
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

import { closeSync, openSync, readSync } from "node:fs";
import { looksLikeResourceGraph, readAzureSnapshot } from "./azure/snapshot.js";
import { looksLikeAssetExport, readAssetExport } from "./gcp/asset-export.js";
import { looksLikeSearchAllResources, readSearchAllResources } from "./gcp/search-all.js";
import { readResourceSnapshot, type SnapshotItem } from "./snapshot/index.js";

/**
 * A saved inventory of any kind `mamori scan` reads, told apart by its first
 * bytes: a Cloud Asset Inventory export, `gcloud asset search-all-resources`
 * JSON, `az graph query` JSON, else canonical resources.
 */
export function readSnapshotFile(file: string): AsyncGenerator<SnapshotItem> {
  const start = head(file);
  if (looksLikeSearchAllResources(start)) return readSearchAllResources(file);
  if (looksLikeAssetExport(start)) return readAssetExport(file);
  if (looksLikeResourceGraph(start)) return readAzureSnapshot(file);
  return readResourceSnapshot(file);
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

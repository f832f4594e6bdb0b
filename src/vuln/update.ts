import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Store } from "../store/index.js";
import { advisoryRows, advisoryStore } from "./database.js";
import { VulnInputError } from "./errors.js";
import { DEFAULT_LIMITS, readZip } from "./sources.js";

/** OSV publishes one archive per ecosystem at <mirror>/<ecosystem>/all.zip. */
export const DEFAULT_MIRROR = "https://osv-vulnerabilities.storage.googleapis.com";

export const DEFAULT_ECOSYSTEMS = [
  "npm",
  "PyPI",
  "Go",
  "Maven",
  "RubyGems",
  "crates.io",
  "Packagist",
  "NuGet",
  "Debian",
  "Ubuntu",
  "Alpine",
  "AlmaLinux",
  "Rocky Linux",
];

export interface UpdateOptions {
  mirror?: string;
  ecosystems?: string[];
  /** Largest archive accepted, in bytes (default 2 GiB). */
  maxBytes?: number;
  onProgress?: (message: string) => void;
}

export interface FeedUpdate {
  ecosystem: string;
  status: "updated" | "unchanged";
  records?: number;
  bytes?: number;
}

/**
 * `mamori db update`: for each ecosystem, download its archive to a temporary
 * file (with If-None-Match, so an unchanged archive is not downloaded again),
 * verify it (declared length, the MD5 that Google Cloud Storage sends in
 * x-goog-hash when present, and the zip's own structure and sizes while it
 * is read), and replace the feed in one transaction. Any failure leaves that
 * feed exactly as it was; feeds already updated stay updated.
 */
export async function updateAdvisories(store: Store, options: UpdateOptions = {}): Promise<FeedUpdate[]> {
  const mirror = (options.mirror ?? DEFAULT_MIRROR).replace(/\/+$/, "");
  const advisories = advisoryStore(store);
  const results: FeedUpdate[] = [];
  const dir = await mkdtemp(join(tmpdir(), "mamori-osv-"));
  try {
    for (const ecosystem of options.ecosystems ?? DEFAULT_ECOSYSTEMS) {
      const feed = `osv:${ecosystem}`;
      const url = `${mirror}/${encodeURIComponent(ecosystem)}/all.zip`;
      const previous = await advisories.feed(feed);
      options.onProgress?.(`${ecosystem}: downloading ${url}`);
      const download = await downloadVerified(url, join(dir, "all.zip"), previous?.etag, options.maxBytes);
      if (download === "unchanged") {
        results.push({ ecosystem, status: "unchanged" });
        continue;
      }
      options.onProgress?.(`${ecosystem}: importing`);
      const records = await advisories.replaceFeed(
        { feed, source: "osv", url, etag: download.etag, sha256: download.sha256, bytes: download.bytes },
        advisoryRows(readZip(download.path, DEFAULT_LIMITS)),
      );
      results.push({ ecosystem, status: "updated", records, bytes: download.bytes });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

interface Downloaded {
  path: string;
  bytes: number;
  sha256: string;
  etag?: string;
}

async function downloadVerified(
  url: string,
  path: string,
  etag: string | undefined,
  maxBytes = 2 * 1024 * 1024 * 1024,
): Promise<Downloaded | "unchanged"> {
  let response: Response;
  try {
    response = await fetch(url, { headers: etag ? { "if-none-match": etag } : {}, redirect: "follow" });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new VulnInputError(
      `${url}: download failed (${cause?.code ?? cause?.message ?? (error as Error).message})`,
    );
  }
  if (response.status === 304) return "unchanged";
  if (!response.ok || !response.body)
    throw new VulnInputError(`${url}: download failed (HTTP ${response.status})`);
  const declared = response.headers.get("content-length");
  if (declared && Number(declared) > maxBytes)
    throw new VulnInputError(`${url}: ${declared} bytes is over the ${maxBytes}-byte limit`);
  const sha256 = createHash("sha256");
  const md5 = createHash("md5");
  let bytes = 0;
  const counter = async function* (source: AsyncIterable<Uint8Array>) {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw new VulnInputError(`${url}: more than ${maxBytes} bytes`);
      sha256.update(chunk);
      md5.update(chunk);
      yield chunk;
    }
  };
  try {
    await pipeline(Readable.fromWeb(response.body as never), counter, createWriteStream(path));
  } catch (error) {
    if (error instanceof VulnInputError) throw error;
    throw new VulnInputError(`${url}: download interrupted (${(error as Error).message})`);
  }
  if (declared && Number(declared) !== bytes)
    throw new VulnInputError(`${url}: truncated download (${bytes} of ${declared} bytes)`);
  const googHash = response.headers.get("x-goog-hash");
  const expectedMd5 = googHash
    ?.split(",")
    .map((p) => p.trim())
    .find((p) => p.startsWith("md5="))
    ?.slice(4);
  if (expectedMd5 && expectedMd5 !== md5.digest("base64"))
    throw new VulnInputError(`${url}: MD5 does not match the x-goog-hash header; the archive is corrupt`);
  const result: Downloaded = { path, bytes, sha256: sha256.digest("hex") };
  const newEtag = response.headers.get("etag");
  if (newEtag) result.etag = newEtag;
  return result;
}

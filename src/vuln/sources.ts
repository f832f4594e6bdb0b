import { createReadStream, type Dirent, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { createInterface } from "node:readline";
import { parseDocument } from "yaml";
import yauzl from "yauzl";
import { firstAliasOffset } from "../util/yaml.js";
import { convertAlpineSecdb, isAlpineSecdb } from "./convert/alpine-secdb.js";
import { convertDebianTracker, convertDsaList, isDebianTracker } from "./convert/debian-tracker.js";
import { convertNodeWg, isNodeWgAdvisory } from "./convert/nodejs-wg.js";
import { VulnInputError } from "./errors.js";
import { type OsvRecord, validateOsv } from "./osv.js";

/**
 * Reads advisories from files, folders and zip archives, whatever their
 * format: OSV JSON (one record, an array, or JSON Lines), OSV archives
 * (`all.zip`), the Node.js security WG's npm advisories, Alpine secdb (JSON
 * or YAML), the Debian security tracker JSON and the DSA list. Every format
 * is converted to OSV records. Inputs are untrusted: sizes and entry counts
 * are capped, and zip entries are read in memory, never extracted.
 */
export interface ReadLimits {
  /** Largest single JSON/YAML file or zip entry, uncompressed. */
  maxFileBytes: number;
  /** Most entries in one zip archive. */
  maxZipEntries: number;
  /** Most uncompressed bytes read from one zip archive. */
  maxZipBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 256 * 1024 * 1024,
  maxZipEntries: 2_000_000,
  maxZipBytes: 8 * 1024 * 1024 * 1024,
};

/**
 * Yields the OSV records of `path`. Formats that arrive per release or per
 * package (Alpine, Debian) are merged by advisory id and yielded at the end.
 */
export async function* readAdvisories(
  path: string,
  limits: ReadLimits = DEFAULT_LIMITS,
): AsyncGenerator<OsvRecord> {
  const merged = new Map<string, OsvRecord>();
  yield* readPath(path, limits, merged);
  yield* merged.values();
}

async function* readPath(
  path: string,
  limits: ReadLimits,
  merged: Map<string, OsvRecord>,
): AsyncGenerator<OsvRecord> {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new VulnInputError(
      `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (stat.isDirectory()) {
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch (error) {
      throw new VulnInputError(
        `${path}: cannot list (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) yield* readPath(child, limits, merged);
      else if (entry.isFile() && isAdvisoryFileName(entry.name)) yield* readPath(child, limits, merged);
    }
    return;
  }
  const ext = extname(path).toLowerCase();
  if (ext === ".zip") {
    yield* readZip(path, limits);
    return;
  }
  if (ext === ".jsonl") {
    yield* readJsonLines(path, merged);
    return;
  }
  if (stat.size > limits.maxFileBytes)
    throw new VulnInputError(
      `${path}: ${stat.size} bytes is over the ${limits.maxFileBytes}-byte limit for one file`,
    );
  yield* readDocument(path, readFileSync(path, "utf8"), merged);
}

function isAdvisoryFileName(name: string): boolean {
  return /\.(json|jsonl|ya?ml|zip)$/i.test(name) || name === "list" || /^DSA-list/.test(name);
}

/** One parsed document (file or zip entry): JSON of any known shape, secdb YAML or the DSA list. */
function* readDocument(where: string, text: string, merged: Map<string, OsvRecord>): Generator<OsvRecord> {
  const ext = extname(where).toLowerCase();
  if (ext === ".yaml" || ext === ".yml") {
    const doc = parseDocument(text, { prettyErrors: false });
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const line = e?.linePos?.[0]?.line;
      throw new VulnInputError(
        `${where}${line ? `:${line}` : ""}: invalid YAML (${e?.message.split("\n")[0]})`,
      );
    }
    const alias = firstAliasOffset(doc);
    if (alias !== undefined) throw new VulnInputError(`${where}: YAML aliases are not accepted`);
    const value = doc.toJS();
    if (!isAlpineSecdb(value))
      throw new VulnInputError(`${where}: not an Alpine secdb document (no distroversion/packages)`);
    convertAlpineSecdb(value, where, merged);
    return;
  }
  if (ext !== ".json") {
    if (/^\[\d{2} \w{3} \d{4}\] DSA-/.test(text)) {
      convertDsaList(text, where, merged);
      return;
    }
    throw new VulnInputError(
      `${where}: unknown advisory format (expected OSV JSON, JSON Lines, secdb YAML, a zip or a DSA list)`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new VulnInputError(`${where}: invalid JSON (${(error as Error).message})`);
  }
  yield* fromJson(value, where, merged);
}

function* fromJson(value: unknown, where: string, merged: Map<string, OsvRecord>): Generator<OsvRecord> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* fromJson(item, `${where}[${i}]`, merged);
    return;
  }
  if (isNodeWgAdvisory(value)) {
    yield convertNodeWg(value, where);
    return;
  }
  if (isAlpineSecdb(value)) {
    convertAlpineSecdb(value, where, merged);
    return;
  }
  if (value && typeof value === "object" && "id" in value) {
    const record = validateOsv(value, where);
    if (!record.withdrawn) yield record;
    return;
  }
  if (isDebianTracker(value)) {
    convertDebianTracker(value, where, merged);
    return;
  }
  throw new VulnInputError(
    `${where}: not an OSV record, npm advisory, Alpine secdb or Debian tracker document`,
  );
}

async function* readJsonLines(path: string, merged: Map<string, OsvRecord>): AsyncGenerator<OsvRecord> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new VulnInputError(`${path}:${n}: invalid JSON (${(error as Error).message})`);
    }
    yield* fromJson(value, `${path}:${n}`, merged);
  }
}

/**
 * The JSON entries of a zip archive, each checked against the size caps
 * before it is inflated; yauzl checks every entry's declared sizes against
 * what it inflates, so a lying header fails instead of filling memory.
 */
export async function* readZip(path: string, limits: ReadLimits = DEFAULT_LIMITS): AsyncGenerator<OsvRecord> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (error, file) => (error || !file ? reject(zipError(path, error)) : resolve(file)),
    ),
  );
  const merged = new Map<string, OsvRecord>();
  let entries = 0;
  let total = 0;
  try {
    if (zip.entryCount > limits.maxZipEntries)
      throw new VulnInputError(
        `${path}: ${zip.entryCount} entries is over the ${limits.maxZipEntries}-entry limit`,
      );
    for (;;) {
      const entry = await nextEntry(zip, path);
      if (!entry) break;
      entries++;
      if (entry.fileName.endsWith("/") || !isAdvisoryFileName(basename(entry.fileName))) continue;
      if (entry.uncompressedSize > limits.maxFileBytes)
        throw new VulnInputError(
          `${path}!${entry.fileName}: ${entry.uncompressedSize} bytes is over the per-entry limit`,
        );
      total += entry.uncompressedSize;
      if (total > limits.maxZipBytes)
        throw new VulnInputError(`${path}: more than ${limits.maxZipBytes} uncompressed bytes`);
      const text = await readEntry(zip, entry, path);
      yield* readDocument(`${path}!${entry.fileName}`, text, merged);
    }
  } finally {
    zip.close();
  }
  yield* merged.values();
  if (entries === 0) throw new VulnInputError(`${path}: the zip archive is empty`);
}

function zipError(path: string, error: Error | null | undefined): VulnInputError {
  return new VulnInputError(`${path}: not a readable zip archive (${error?.message ?? "unknown error"})`);
}

function nextEntry(zip: yauzl.ZipFile, path: string): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
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
      reject(zipError(path, error));
    };
    const cleanup = () => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
    };
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) {
        reject(zipError(path, error));
        return;
      }
      const parts: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => parts.push(chunk));
      stream.on("error", (e) => reject(new VulnInputError(`${path}!${entry.fileName}: ${e.message}`)));
      stream.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    });
  });
}

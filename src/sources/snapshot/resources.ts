import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { LineCounter, parseAllDocuments } from "yaml";
import { normalizeResource, type Resource, type ScanError, validateResource } from "../../model/index.js";

/** A file that cannot be read at all; the scan of that file stops, others go on. */
export class SnapshotError extends Error {
  override name = "SnapshotError";
}

/** Whole-document formats (JSON, YAML) are read into memory; past this, use JSON Lines, which streams. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export type SnapshotItem = { resource: Resource } | { error: ScanError };

/**
 * Reads canonical resources saved by `mamori` or by hand: a JSON array, a
 * JSON object with a `resources` array, JSON Lines (`.jsonl`, `.ndjson`), or
 * YAML (one or many documents, each a resource or a list). An invalid entry
 * is reported as an error naming the file, entry and field, and skipped.
 */
export async function* readResourceSnapshot(file: string): AsyncGenerator<SnapshotItem> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new SnapshotError(`${file}: not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (/\.(jsonl|ndjson)$/i.test(file)) {
    yield* readJsonLines(file);
    return;
  }
  if (size > MAX_DOCUMENT_BYTES) {
    throw new SnapshotError(
      `${file}: ${size} bytes is over the ${MAX_DOCUMENT_BYTES} byte limit for JSON/YAML; save it as JSON Lines (.jsonl) instead`,
    );
  }
  const text = await readFile(file, "utf8");
  const entries = /\.ya?ml$/i.test(file) ? parseYamlEntries(file, text) : parseJsonEntries(file, text);
  let index = 0;
  for (const entry of entries) yield toItem(file, entry, `resources[${index++}]`);
}

function toItem(file: string, value: unknown, field: string, line?: number): SnapshotItem {
  const issues = validateResource(value, field);
  if (issues.length > 0) {
    const error: ScanError = {
      source: file,
      message: issues.map((i) => `${i.field} ${i.message}`).join("; "),
    };
    if (line !== undefined) error.line = line;
    return { error };
  }
  return { resource: normalizeResource(value as Record<string, unknown>, { kind: "snapshot", file }) };
}

function parseJsonEntries(file: string, text: string): unknown[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`${file}: ${describeJsonError(text, error as Error)}`);
  }
  if (Array.isArray(doc)) return doc;
  if (doc && typeof doc === "object" && Array.isArray((doc as { resources?: unknown }).resources)) {
    return (doc as { resources: unknown[] }).resources;
  }
  if (doc && typeof doc === "object" && "type" in doc) return [doc];
  throw new SnapshotError(`${file}: expected a list of resources or an object with a "resources" list`);
}

/** Node's JSON errors give a character position; people want a line and column. */
export function describeJsonError(text: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message);
  const message = error.message.replace(/ in JSON at position \d+.*$/, "").replace(/^JSON\.parse: /, "");
  if (!match) return `invalid JSON: ${message}`;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `${line}:${column}: invalid JSON: ${message}`;
}

function parseYamlEntries(file: string, text: string): unknown[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(docs)) throw new SnapshotError(`${file}: not a YAML stream`);
  const out: unknown[] = [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error)
      throw new SnapshotError(
        `${file}:${lineCounter.linePos(error.pos[0]).line}: ${error.message.split("\n")[0]}`,
      );
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new SnapshotError(`${file}: ${(e as Error).message}`);
    }
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) out.push(...value);
    else if (typeof value === "object" && Array.isArray((value as { resources?: unknown }).resources)) {
      out.push(...(value as { resources: unknown[] }).resources);
    } else out.push(value);
  }
  return out;
}

async function* readJsonLines(file: string): AsyncGenerator<SnapshotItem> {
  const lines = createInterface({
    input: createReadStream(file, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      yield { error: { source: file, line: lineNo, message: `invalid JSON: ${(error as Error).message}` } };
      continue;
    }
    yield toItem(file, value, `line ${lineNo}`, lineNo);
  }
}

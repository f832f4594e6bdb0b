import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ScanError } from "../../model/index.js";
import { MAX_DOCUMENT_BYTES, SnapshotError, type SnapshotItem } from "../snapshot/index.js";
import { graphPolicyOf } from "./entra.js";
import { jsonErrorLocation } from "./json-error.js";
import { type EntraInput, normalizeArm, type RawArmResource } from "./normalize.js";

/**
 * Reads an Azure inventory saved for air-gapped scans: the JSON that
 * `az graph query -q "…" --first 1000` prints (an object with `data`, or a
 * plain array of rows), or a directory of saved ARM `GET` responses (one
 * resource per file, or a list response `{value: [...]}`), which may also
 * hold the Microsoft Graph policy responses the live source reads (known by
 * their `@odata.context`). Rows that are not ARM resources are reported with
 * their file and index and skipped.
 */
export async function* readAzureSnapshot(path: string): AsyncGenerator<SnapshotItem> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw new SnapshotError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  const files = isDirectory ? await jsonFiles(path) : [path];
  if (isDirectory && files.length === 0) throw new SnapshotError(`${path}: no .json files in the directory`);
  const items: RawArmResource[] = [];
  const errors: ScanError[] = [];
  const entra: EntraInput = {};
  for (const file of files) {
    const doc = await readJson(file);
    const policy =
      isDirectory && doc && typeof doc === "object"
        ? graphPolicyOf(doc as Record<string, unknown>)
        : undefined;
    if (policy) {
      entra[policy] = doc as Record<string, unknown>;
      continue;
    }
    const rows = rowsOf(doc);
    if (!rows) {
      if (!isDirectory)
        throw new SnapshotError(
          `${file}: not Azure Resource Graph output (expected an array or an object with data)`,
        );
      errors.push({ source: file, message: "not an ARM resource or list response (expected id and type)" });
      continue;
    }
    rows.forEach((row, i) => {
      const problem = armProblem(row);
      if (problem) errors.push({ source: file, message: `[${i}]: ${problem}` });
      else items.push(row as RawArmResource);
    });
  }
  for (const error of errors) yield { error };
  const options = Object.keys(entra).length > 0 ? { entra } : {};
  for (const resource of normalizeArm(items, { kind: "snapshot", file: path }, options)) yield { resource };
}

/** True when a document's first bytes look like `az graph query` output (for format detection). */
export function looksLikeResourceGraph(head: string): boolean {
  const start = head.trimStart();
  if (start.startsWith("{"))
    return /"data"\s*:\s*\[/.test(head) && /"(count|skip_token|total_records|totalRecords)"/.test(head);
  return (
    start.startsWith("[") &&
    /"id"\s*:\s*"\/subscriptions\//i.test(head) &&
    /"type"\s*:\s*"microsoft\./i.test(head)
  );
}

async function jsonFiles(dir: string, depth = 0): Promise<string[]> {
  if (depth > 8) return [];
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await jsonFiles(full, depth + 1)));
    else if (entry.isFile() && entry.name.endsWith(".json")) out.push(full);
  }
  return out;
}

async function readJson(file: string): Promise<unknown> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new SnapshotError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  if (size > MAX_DOCUMENT_BYTES)
    throw new SnapshotError(`${file}: ${size} bytes is larger than the 256 MiB limit`);
  const text = await readFile(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`${file}:${jsonErrorLocation(text, (error as Error).message)}`);
  }
}

/** The ARM objects of a document: Resource Graph output, a list response or one resource. */
function rowsOf(doc: unknown): unknown[] | undefined {
  if (Array.isArray(doc)) return doc;
  if (!doc || typeof doc !== "object") return undefined;
  const record = doc as Record<string, unknown>;
  if (Array.isArray(record.data)) return record.data;
  if (Array.isArray(record.value)) return record.value;
  if (typeof record.id === "string" && typeof record.type === "string") return [doc];
  return undefined;
}

function armProblem(row: unknown): string | undefined {
  if (!row || typeof row !== "object" || Array.isArray(row)) return "expected an object";
  const r = row as Record<string, unknown>;
  if (typeof r.id !== "string" || !r.id.startsWith("/")) return "id must be an Azure resource id";
  if (typeof r.type !== "string" || !r.type.includes("/")) return `${r.id}: type must be an ARM type`;
  if (typeof r.name !== "string") return `${r.id}: name must be a string`;
  if (r.properties !== undefined && r.properties !== null && typeof r.properties !== "object")
    return `${r.id}: properties must be an object`;
  return undefined;
}

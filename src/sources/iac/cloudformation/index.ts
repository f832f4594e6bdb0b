import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import type { ScanError } from "../../../model/index.js";
import { DEFAULT_MAX_FILE_BYTES, emptyLoadResult, type IacFormat, type IacLoadResult } from "../format.js";
import { TemplateError } from "./intrinsics.js";
import { DocumentSyntaxError, type LocatedDocument, parseJsonLocated, parseYamlLocated } from "./located.js";
import { findSuppressions } from "./suppressions.js";
import { loadTemplate } from "./template.js";

const EXTENSIONS = new Set([".json", ".yaml", ".yml", ".template", ".cfn"]);

/** Detection by content: a template version line, or a Resources map with `Type: AWS::…` entries. */
export function looksLikeCloudFormation(head: string): boolean {
  if (/["']?AWSTemplateFormatVersion["']?\s*:/.test(head)) return true;
  return (
    /(^|[{,\s])["']?Resources["']?\s*:/m.test(head) &&
    /["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::/.test(head)
  );
}

export const format: IacFormat = {
  name: "cloudformation",
  fixtureSuffixes: [".cfn.yaml", ".cfn.yml", ".cfn.json"],
  claims(file, head) {
    if (file.endsWith(".bicep")) return true;
    return EXTENSIONS.has(extname(file).toLowerCase()) && looksLikeCloudFormation(head);
  },
  async load(files, options) {
    const result = emptyLoadResult();
    for (const file of files)
      loadFile(file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, result, options.parameters ?? {});
    return result;
  },
};

/** Reads a file within the size cap; undefined (with an error recorded) when it cannot be read. */
export function readCapped(file: string, maxBytes: number, errors: ScanError[]): string | undefined {
  try {
    const size = statSync(file).size;
    if (size > maxBytes) {
      errors.push({
        source: file,
        message: `file is ${size} bytes, over the ${maxBytes}-byte limit; not scanned`,
      });
      return undefined;
    }
    return readFileSync(file, "utf8");
  } catch (error) {
    errors.push({ source: file, message: `cannot read: ${(error as Error).message}` });
    return undefined;
  }
}

/** JSON when the first non-blank character opens an object, else YAML. */
export function parseLocated(text: string): LocatedDocument {
  return /^\s*\{/.test(text) ? parseJsonLocated(text) : parseYamlLocated(text);
}

function loadFile(
  file: string,
  maxBytes: number,
  result: IacLoadResult,
  parameters: Record<string, unknown>,
): void {
  if (file.endsWith(".bicep")) {
    result.errors.push({
      source: file,
      message:
        "Bicep files need the Bicep compiler, which Mamori does not include: run `az bicep build --file " +
        `${file}\` and scan the ARM JSON it writes`,
    });
    return;
  }
  const text = readCapped(file, maxBytes, result.errors);
  if (text === undefined) return;
  try {
    const doc = parseLocated(text);
    const template = loadTemplate(doc, file, parameters);
    result.resources.push(...template.resources);
    for (const e of template.errors) result.errors.push(problem(file, e.message, e.line));
    for (const n of template.notes) result.notes.push(problem(file, n.message, n.line));
    const { suppressions, problems } = findSuppressions(
      doc,
      file,
      ["Resources"],
      "Metadata",
      (logicalId) => template.owners.get(logicalId) ?? `${file}#${logicalId}`,
    );
    result.suppressions.push(...suppressions);
    for (const p of problems) result.errors.push(problem(file, p.message, p.line));
  } catch (error) {
    if (error instanceof DocumentSyntaxError) {
      const out: ScanError = { source: file, message: error.message };
      if (error.line !== undefined) out.line = error.line;
      if (error.column !== undefined) out.column = error.column;
      result.errors.push(out);
    } else if (error instanceof TemplateError) {
      result.errors.push({ source: file, message: error.message });
    } else throw error;
  }
}

function problem(file: string, message: string, line?: number): ScanError {
  return line === undefined ? { source: file, message } : { source: file, message, line };
}

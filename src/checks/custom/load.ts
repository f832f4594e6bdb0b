import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar,
  type YAMLMap,
} from "yaml";
import { formatPath, getPath, isSeverity } from "../../model/index.js";
import { firstAliasOffset } from "../../util/yaml.js";
import { type Check, type CheckResult, defineCheck, fail, notApplicable, pass } from "../check.js";
import { metadataProblems } from "../registry.js";
import { CelSyntaxError, compileCel, readsUnknown } from "./cel.js";

/** A custom check file that cannot be used; the message names the file and line. */
export class CustomCheckError extends Error {
  override name = "CustomCheckError";
}

const MAX_FILE_BYTES = 1024 * 1024;
const FIELDS = new Set([
  "id",
  "title",
  "description",
  "severity",
  "resourceTypes",
  "remediation",
  "expression",
  "message",
  "references",
]);

/**
 * Loads every `*.yaml`/`*.yml` file under `dir` (recursively) as custom
 * checks. Each file holds one check, or a list of them under `checks:`.
 */
export function loadCustomChecks(dir: string): Check[] {
  let files: string[];
  try {
    files = yamlFiles(dir);
  } catch (error) {
    throw new CustomCheckError(
      `${dir}: cannot read the checks directory (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return files.flatMap((file) =>
    parseCustomCheckFile(relative(process.cwd(), file) || file, readCapped(file)),
  );
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(path));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(path);
  }
  return out;
}

function readCapped(file: string): string {
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES)
    throw new CustomCheckError(`${file}: ${size} bytes is over the 1 MiB limit for a custom check file`);
  return readFileSync(file, "utf8");
}

/** Parses the text of one custom check file; `file` is only used in messages and provenance. */
export function parseCustomCheckFile(file: string, text: string): Check[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;
  const error = (message: string, offset?: number): never => {
    throw new CustomCheckError(`${file}:${lineOf(offset)}: ${message}`);
  };
  const firstError = doc.errors[0];
  if (firstError) error(firstError.message.split("\n")[0] ?? "invalid YAML", firstError.pos[0]);
  const alias = firstAliasOffset(doc);
  if (alias !== undefined) error("YAML aliases are not allowed in custom check files", alias);
  const root = doc.contents;
  if (!isMap(root)) return error("must be a mapping (one check) or have a `checks:` list", root?.range?.[0]);
  const list = root.get("checks", true);
  let nodes: unknown[];
  if (list === undefined) nodes = [root];
  else if (isSeq(list)) nodes = list.items;
  else return error("`checks` must be a list", root.range?.[0]);
  return nodes.map((node) => {
    if (!isMap(node))
      return error("each check must be a mapping", (node as { range?: number[] })?.range?.[0]);
    return buildCheck(file, doc, node as YAMLMap, lineOf, error);
  });
}

function buildCheck(
  file: string,
  doc: Document,
  node: YAMLMap,
  lineOf: (offset: number | undefined) => number,
  error: (message: string, offset?: number) => never,
): Check {
  const at = node.range?.[0];
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!FIELDS.has(key))
      error(
        `unknown field "${key}" (allowed: ${[...FIELDS].join(", ")})`,
        (pair.key as Scalar | null)?.range?.[0],
      );
  }
  const value = node.toJS(doc) as Record<string, unknown>;
  const str = (key: string, required = true): string | undefined => {
    const v = value[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== "string" || v.trim() === "")
      error(`"${key}" must be a non-empty string`, node.get(key, true)?.range?.[0] ?? at);
    return v as string;
  };
  const id = str("id") as string;
  const title = str("title") as string;
  const severity = str("severity") as string;
  if (!isSeverity(severity))
    error(
      `severity "${severity}" must be one of critical, high, medium, low, info`,
      node.get("severity", true)?.range?.[0],
    );
  const resourceTypes = value.resourceTypes;
  if (
    !Array.isArray(resourceTypes) ||
    resourceTypes.length === 0 ||
    resourceTypes.some((t) => typeof t !== "string")
  ) {
    error(
      '"resourceTypes" must be a non-empty list of canonical types, e.g. [aws.s3.bucket]',
      node.get("resourceTypes", true)?.range?.[0] ?? at,
    );
  }
  const expressionNode = node.get("expression", true) as Scalar | undefined;
  const expression = str("expression") as string;
  let predicate: ReturnType<typeof compileCel>;
  try {
    predicate = compileCel(expression);
  } catch (e) {
    if (!(e instanceof CelSyntaxError)) throw e;
    // Block scalars (`|`, `>`) start their text on the line after the key.
    const block =
      expressionNode?.type === Scalar.BLOCK_LITERAL || expressionNode?.type === Scalar.BLOCK_FOLDED;
    const firstLine = lineOf(expressionNode?.range?.[0]) + (block ? 1 : 0);
    throw new CustomCheckError(
      `${file}:${firstLine + e.line - 1}: check ${id}: CEL syntax error at column ${e.column}: ${e.message}`,
    );
  }
  const failMessage = str("message", false) ?? `${title}: expression is false`;
  const check = defineCheck({
    id,
    title,
    description: str("description", false) ?? title,
    severity: severity as Check["severity"],
    resourceTypes: resourceTypes as string[],
    remediation: str("remediation", false) ?? `See the custom check ${id} in ${file}.`,
    references: Array.isArray(value.references) ? value.references.map(String) : [],
    evaluate(resource): CheckResult {
      const result = predicate.evaluate(resource);
      const unknownPath = readsUnknown(predicate, resource);
      const path = unknownPath ?? predicate.paths.find((p) => p[0] === "properties") ?? [];
      const evidencePath = formatPath(path[0] === "properties" ? path.slice(1) : path);
      if ("error" in result) {
        if (unknownPath) return notApplicable("reads a value unknown at scan time", { path: evidencePath });
        throw new Error(`${file}: ${result.error}`);
      }
      if (result.value) return pass(`${title}: expression is true`, { path: evidencePath });
      if (unknownPath) return notApplicable("reads a value unknown at scan time", { path: evidencePath });
      return fail(failMessage, {
        path: evidencePath,
        actual: getPath(resource, path) ?? null,
        expected: expression,
      });
    },
  });
  const problems = metadataProblems(check);
  if (problems.length > 0) error(`check ${id}: ${problems.join("; ")}`, at);
  return check;
}

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import type { Control, Framework } from "../model/index.js";
import { firstAliasOffset } from "../util/yaml.js";

/** The framework files shipped with Mamori (copied next to the compiled code by the build). */
export const BUILTIN_FRAMEWORKS_DIR = fileURLToPath(new URL("./frameworks", import.meta.url));

export class FrameworkFileError extends Error {
  override name = "FrameworkFileError";
}

/** Reads every `*.yaml` framework file in `dir`, sorted by id. */
export function loadFrameworks(dir: string = BUILTIN_FRAMEWORKS_DIR): Framework[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"))
    .map((name) => parseFrameworkFile(join(dir, name), readFileSync(join(dir, name), "utf8")))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Parses one framework file. Errors name the file and the line of the
 * offending control, because these files are edited by hand.
 */
export function parseFrameworkFile(file: string, text: string): Framework {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const fail = (message: string, offset?: number): never => {
    const line = offset === undefined ? "" : `:${lineCounter.linePos(offset).line}`;
    throw new FrameworkFileError(`${file}${line}: ${message}`);
  };
  const firstError = doc.errors[0];
  if (firstError) fail(firstError.message.split("\n")[0] ?? "invalid YAML", firstError.pos[0]);
  const alias = firstAliasOffset(doc);
  if (alias !== undefined) fail("YAML aliases are not allowed in framework files", alias);
  if (!isMap(doc.contents)) fail("must be a mapping with framework, version, name and controls");
  const root = doc.toJS() as Record<string, unknown>;
  for (const key of ["framework", "version", "name"]) {
    if (typeof root[key] !== "string" || root[key] === "")
      fail(`${key} must be a non-empty string (quote versions: "7.0.0")`);
  }
  const controlsNode = doc.get("controls", true);
  if (!isSeq(controlsNode)) fail("controls must be a list");
  const seq = controlsNode as unknown as { items: { range?: [number, number, number] }[] };
  const raw = root.controls as Record<string, unknown>[];
  const seen = new Set<string>();
  const controls: Control[] = raw.map((item, i) => {
    const at = seq.items[i]?.range?.[0];
    if (typeof item !== "object" || item === null) return fail(`controls[${i}] must be a mapping`, at);
    if (typeof item.id !== "string" || item.id === "")
      return fail(`controls[${i}].id must be a quoted string such as "1.10"`, at);
    if (seen.has(item.id)) fail(`control id ${item.id} appears twice`, at);
    seen.add(item.id);
    if (typeof item.title !== "string" || item.title === "")
      fail(`control ${item.id}: title must be a non-empty string`, at);
    if (typeof item.automated !== "boolean") fail(`control ${item.id}: automated must be true or false`, at);
    const checks = item.checks ?? [];
    if (!Array.isArray(checks) || checks.some((c) => typeof c !== "string"))
      fail(`control ${item.id}: checks must be a list of check ids`, at);
    if (item.automated === false && (checks as string[]).length > 0)
      fail(`control ${item.id}: a manual control cannot list checks`, at);
    const control: Control = {
      id: item.id,
      title: item.title as string,
      automated: item.automated as boolean,
      checks: checks as string[],
    };
    if (typeof item.section === "string") control.section = item.section;
    if (typeof item.profile === "string") control.profile = item.profile;
    return control;
  });
  const framework: Framework = {
    framework: root.framework as string,
    version: root.version as string,
    id: `${root.framework}-${root.version}`,
    name: root.name as string,
    controls,
  };
  if (typeof root.description === "string") framework.description = root.description;
  return framework;
}

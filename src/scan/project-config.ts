import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import picomatch from "picomatch";
import { isMap, isNode, isScalar, LineCounter, parseDocument } from "yaml";
import { CheckRegistry } from "../checks/registry.js";
import { isSeverity, type Severity } from "../model/index.js";
import { firstAliasOffset } from "../util/yaml.js";

/** `.mamori.yaml`: per-project settings for IaC scans, kept in the repository next to the code. */
export interface ProjectConfig {
  /** The file it came from. */
  file: string;
  /** Check ids or globs (`k8s.*`) to skip. */
  skipChecks: string[];
  /** When set, only these check ids or globs run. */
  onlyChecks?: string[];
  /** Severity overrides by check id. */
  severity: Record<string, Severity>;
  /** Paths (globs relative to the scanned folder) to leave out. */
  exclude: string[];
  /** A folder of custom CEL checks, relative to the config file. */
  checksDir?: string;
}

export class ProjectConfigError extends Error {
  override name = "ProjectConfigError";
}

const FIELDS = new Set(["skip-checks", "only-checks", "severity", "exclude", "checks-dir"]);
const MAX_BYTES = 256 * 1024;

/**
 * The `.mamori.yaml` that applies to a scan: the explicit `--config` file, else
 * the first one found in the first scanned folder or the current directory.
 */
export function findProjectConfig(paths: string[], explicit?: string): ProjectConfig | undefined {
  if (explicit) return readProjectConfig(explicit);
  const candidates = [...paths.slice(0, 1), "."].map((p) => {
    const dir = existsSync(p) && statSync(p).isDirectory() ? p : dirname(p);
    return join(dir, ".mamori.yaml");
  });
  const found = candidates.find((c) => existsSync(c));
  return found ? readProjectConfig(found) : undefined;
}

export function readProjectConfig(file: string): ProjectConfig {
  let text: string;
  try {
    if (statSync(file).size > MAX_BYTES) throw new ProjectConfigError(`${file}: larger than 256 KiB`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof ProjectConfigError) throw error;
    throw new ProjectConfigError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => `${file}:${lines.linePos(offset).line}`;
  const syntax = doc.errors[0];
  if (syntax) throw new ProjectConfigError(`${at(syntax.pos[0])}: ${syntax.message.split("\n")[0]}`);
  const alias = firstAliasOffset(doc);
  if (alias !== undefined) throw new ProjectConfigError(`${at(alias)}: YAML aliases are not allowed`);
  const config: ProjectConfig = { file, skipChecks: [], severity: {}, exclude: [] };
  if (doc.contents === null) return config;
  if (!isMap(doc.contents)) throw new ProjectConfigError(`${file}:1: expected a mapping of settings`);
  for (const pair of doc.contents.items) {
    const keyNode = isScalar(pair.key) ? pair.key : undefined;
    const key = String(keyNode?.value ?? "");
    const where = at(keyNode?.range?.[0] ?? 0);
    const value: unknown = isNode(pair.value) ? pair.value.toJSON() : null;
    if (!FIELDS.has(key))
      throw new ProjectConfigError(`${where}: unknown setting ${key} (known: ${[...FIELDS].join(", ")})`);
    if (key === "checks-dir") {
      if (typeof value !== "string") throw new ProjectConfigError(`${where}: checks-dir must be a path`);
      config.checksDir = resolve(dirname(file), value);
    } else if (key === "severity") {
      if (!isMap(pair.value))
        throw new ProjectConfigError(`${where}: severity must map check ids to severities`);
      for (const entry of pair.value.items) {
        const id = isScalar(entry.key) ? String(entry.key.value) : "";
        const severity = isScalar(entry.value) ? entry.value.value : undefined;
        const line = at((isScalar(entry.key) ? entry.key.range?.[0] : undefined) ?? 0);
        if (typeof severity !== "string" || !isSeverity(severity))
          throw new ProjectConfigError(
            `${line}: severity of ${id} must be one of critical, high, medium, low, info`,
          );
        config.severity[id] = severity;
      }
    } else {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
        throw new ProjectConfigError(`${where}: ${key} must be a list of strings`);
      if (key === "skip-checks") config.skipChecks = value;
      else if (key === "only-checks") config.onlyChecks = value;
      else config.exclude = value;
    }
  }
  return config;
}

/** The registry a project config asks for: skipped checks removed, severities overridden. */
export function applyProjectConfig(
  registry: CheckRegistry,
  config: ProjectConfig | undefined,
): CheckRegistry {
  if (!config) return registry;
  const skipped = config.skipChecks.length ? picomatch(config.skipChecks) : () => false;
  const only = config.onlyChecks ? picomatch(config.onlyChecks) : () => true;
  const unknown = Object.keys(config.severity).filter((id) => !registry.has(id));
  if (unknown.length > 0)
    throw new ProjectConfigError(`${config.file}: severity names unknown checks: ${unknown.join(", ")}`);
  return new CheckRegistry(
    registry
      .all()
      .filter((check) => only(check.id) && !skipped(check.id))
      .map((check) => {
        const severity = config.severity[check.id];
        return severity ? { ...check, severity } : check;
      }),
  );
}

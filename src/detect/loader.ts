import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from "yaml";
import type { LoadCode, LoadMessage } from "./messages.js";
import { type Priority, parsePriority } from "./types.js";

/** Versions this engine claims: Falco engine 0.43 (integer engine version 40+). */
export const ENGINE_VERSION = { major: 0, minor: 43, patch: 0, integer: 43 };
export const KNOWN_PLUGINS = new Set([
  "cloudtrail",
  "json",
  "k8saudit",
  "k8saudit-eks",
  "k8saudit-gke",
  "k8saudit-aks",
  "k8saudit-ovh",
  "gcpaudit",
  "okta",
  "github",
]);

export interface Located {
  file: string;
  line: number;
}

export interface ListEntry extends Located {
  name: string;
  items: string[];
  used: boolean;
}

export interface MacroEntry extends Located {
  name: string;
  condition: string;
  conditionLine: number;
  used: boolean;
}

export interface ExceptionEntry extends Located {
  name: string;
  fields: string | string[];
  comps?: string | string[];
  values: unknown[];
}

export interface RuleEntry extends Located {
  name: string;
  desc: string;
  condition: string;
  conditionLine: number;
  output: string;
  outputLine: number;
  priority: Priority;
  source: string;
  tags: string[];
  enabled: boolean;
  exceptions: ExceptionEntry[];
  skipIfUnknownFilter: boolean;
  attribution?: { author?: string; license?: string; id?: string; origin?: string };
}

const RULE_APPEND_FIELDS = new Set(["condition", "output", "desc", "tags", "exceptions"]);
const RULE_REPLACE_FIELDS = new Set([
  "condition",
  "output",
  "desc",
  "priority",
  "tags",
  "exceptions",
  "enabled",
  "warn_evttypes",
  "skip-if-unknown-filter",
  "source",
]);
const RULE_KEYS = new Set([
  "rule",
  "desc",
  "condition",
  "output",
  "priority",
  "source",
  "tags",
  "enabled",
  "exceptions",
  "append",
  "override",
  "warn_evttypes",
  "skip-if-unknown-filter",
  "capture",
  "capture_duration",
]);

/** Max YAML alias expansions per file: rule files need none, this only stops alias bombs. */
const MAX_ALIASES = 100;
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Falco rule files loaded in order into lists, macros and rules, with append/override applied
 * as Falco does. Every problem becomes a message with file, line and code; loading goes on.
 */
export class RuleSet {
  readonly lists = new Map<string, ListEntry>();
  readonly macros = new Map<string, MacroEntry>();
  readonly rules = new Map<string, RuleEntry>();
  readonly messages: LoadMessage[] = [];
  readonly files: string[] = [];

  report(
    severity: LoadMessage["severity"],
    code: LoadCode,
    at: Located,
    message: string,
    item?: string,
    col?: number,
  ) {
    this.messages.push({ severity, code, file: at.file, line: at.line, col, item, message });
  }

  get errors(): LoadMessage[] {
    return this.messages.filter((m) => m.severity === "error");
  }

  /** A file, or every *.yaml/*.yml under a folder (sorted; `tests` folders skipped). */
  loadPath(path: string, displayBase?: string): void {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch (error) {
      this.report("error", "LOAD_ERR_FILE_READ", { file: path, line: 0 }, (error as Error).message);
      return;
    }
    if (stat.isDirectory()) {
      for (const file of yamlFiles(path)) this.loadPath(file, displayBase);
      return;
    }
    if (stat.size > MAX_FILE_BYTES) {
      this.report(
        "error",
        "LOAD_ERR_FILE_READ",
        { file: path, line: 0 },
        `file larger than ${MAX_FILE_BYTES} bytes`,
      );
      return;
    }
    const display = displayBase ? relative(displayBase, path) || path : path;
    this.loadText(readFileSync(path, "utf8"), display);
  }

  loadText(text: string, file: string): void {
    this.files.push(file);
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
    const lineOf = (node: Node | null | undefined) => (node?.range ? counter.linePos(node.range[0]).line : 1);
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const pos = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
        this.report(
          "error",
          "LOAD_ERR_YAML_PARSE",
          { file, line: pos?.line ?? 1 },
          error.message.split("\n")[0] ?? "",
          undefined,
          pos?.col,
        );
      }
      return;
    }
    const root = doc.contents;
    if (root === null || (isScalar(root) && (root.value === null || root.value === ""))) return;
    if (!isSeq(root)) {
      this.report(
        "error",
        "LOAD_ERR_YAML_VALIDATE",
        { file, line: lineOf(root) },
        "rules content is not a YAML sequence",
      );
      return;
    }
    for (const node of root.items) {
      const at = { file, line: lineOf(node as Node) };
      if (!isMap(node)) {
        this.report("error", "LOAD_ERR_YAML_VALIDATE", at, "item is not a YAML map");
        continue;
      }
      let item: Record<string, unknown>;
      try {
        item = node.toJS(doc, { maxAliasCount: MAX_ALIASES }) as Record<string, unknown>;
      } catch (error) {
        this.report("error", "LOAD_ERR_YAML_VALIDATE", at, (error as Error).message);
        continue;
      }
      const keyLine = (key: string) => {
        const pair = (node as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === key);
        const value = pair?.value as Node | undefined;
        if (!value?.range) return at.line;
        // Block scalars (`>`/`|`) start on the line after their indicator.
        const line = counter.linePos(value.range[0]).line;
        const type = isScalar(value) ? value.type : undefined;
        return type === "BLOCK_FOLDED" || type === "BLOCK_LITERAL" ? line + 1 : line;
      };
      this.loadItem(item, at, keyLine);
    }
  }

  private loadItem(item: Record<string, unknown>, at: Located, keyLine: (key: string) => number): void {
    if ("required_engine_version" in item) this.checkEngineVersion(item.required_engine_version, at);
    else if ("required_plugin_versions" in item) this.checkPlugins(item.required_plugin_versions, at);
    else if ("list" in item) this.loadList(item, at);
    else if ("macro" in item) this.loadMacro(item, at, keyLine);
    else if ("rule" in item) this.loadRule(item, at, keyLine);
    else
      this.report(
        "warning",
        "LOAD_UNKNOWN_ITEM",
        at,
        `unknown top-level item (keys: ${Object.keys(item).join(", ")})`,
      );
  }

  private checkEngineVersion(value: unknown, at: Located): void {
    let major = 0;
    let minor: number;
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) minor = value;
    else if (typeof value === "string" && /^\d+\.\d+\.\d+$/.test(value)) {
      const [a, b] = value.split(".").map(Number);
      major = a ?? 0;
      minor = b ?? 0;
    } else {
      this.report(
        "error",
        "LOAD_ERR_YAML_VALIDATE",
        at,
        `required_engine_version must be an integer or a semver string, got ${JSON.stringify(value)}`,
      );
      return;
    }
    if (major > ENGINE_VERSION.major || (major === ENGINE_VERSION.major && minor > ENGINE_VERSION.integer))
      this.report(
        "warning",
        "LOAD_ENGINE_VERSION",
        at,
        `rules require engine version ${String(value)}, newer than this engine's ${ENGINE_VERSION.major}.${ENGINE_VERSION.minor}.${ENGINE_VERSION.patch}`,
      );
  }

  private checkPlugins(value: unknown, at: Located): void {
    if (!Array.isArray(value)) {
      this.report("error", "LOAD_ERR_YAML_VALIDATE", at, "required_plugin_versions must be a sequence");
      return;
    }
    for (const entry of value) {
      const name = (entry as { name?: unknown })?.name;
      const version = (entry as { version?: unknown })?.version;
      if (typeof name !== "string" || typeof version !== "string") {
        this.report(
          "error",
          "LOAD_ERR_YAML_VALIDATE",
          at,
          "each required plugin needs a name and a version string",
        );
        continue;
      }
      const alternatives = ((entry as { alternatives?: { name?: unknown }[] }).alternatives ?? []).map(
        (a) => a?.name,
      );
      if (![name, ...alternatives].some((n) => typeof n === "string" && KNOWN_PLUGINS.has(n)))
        this.report(
          "warning",
          "LOAD_UNKNOWN_PLUGIN",
          at,
          `plugin '${name}' is not built into Mamori; rules that need its fields will not compile`,
        );
    }
  }

  private loadList(item: Record<string, unknown>, at: Located): void {
    const name = item.list;
    if (typeof name !== "string" || name === "") {
      this.report("error", "LOAD_ERR_YAML_VALIDATE", at, "list name must be a non-empty string");
      return;
    }
    const item_ = `list ${name}`;
    const raw = item.items ?? [];
    if (!Array.isArray(raw)) {
      this.report("error", "LOAD_ERR_YAML_VALIDATE", at, "list items must be a sequence", item_);
      return;
    }
    const items = raw.map((v) => unquote(v === null ? "" : String(v)));
    const mode = this.mergeMode(item, at, item_, new Set(["items"]), new Set(["items"]));
    if (mode === "invalid") return;
    const existing = this.lists.get(name);
    if (mode.size > 0) {
      if (!existing) {
        this.report(
          "error",
          "LOAD_ERR_VALIDATE",
          at,
          `list '${name}' has 'append' or 'override' but no earlier definition`,
          item_,
        );
        return;
      }
      if (mode.get("items") === "replace") existing.items = items;
      else existing.items.push(...items);
      return;
    }
    this.lists.set(name, { name, items, used: false, ...at });
  }

  private loadMacro(item: Record<string, unknown>, at: Located, keyLine: (key: string) => number): void {
    const name = item.macro;
    if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
      this.report("error", "LOAD_ERR_YAML_VALIDATE", at, `invalid macro name ${JSON.stringify(name)}`);
      return;
    }
    const item_ = `macro ${name}`;
    const condition = item.condition;
    if (typeof condition !== "string") {
      this.report("error", "LOAD_ERR_YAML_VALIDATE", at, "macro needs a condition string", item_);
      return;
    }
    const mode = this.mergeMode(item, at, item_, new Set(["condition"]), new Set(["condition"]));
    if (mode === "invalid") return;
    const existing = this.macros.get(name);
    if (mode.size > 0) {
      if (!existing) {
        this.report(
          "error",
          "LOAD_ERR_VALIDATE",
          at,
          `macro '${name}' has 'append' or 'override' but no earlier definition`,
          item_,
        );
        return;
      }
      existing.condition =
        mode.get("condition") === "replace" ? condition : `${existing.condition} ${condition}`;
      return;
    }
    this.macros.set(name, { name, condition, conditionLine: keyLine("condition"), used: false, ...at });
  }

  /**
   * `append: true` (old syntax) or `override: {field: append|replace}` (current syntax).
   * Returns per-field modes; an empty map means a full definition.
   */
  private mergeMode(
    item: Record<string, unknown>,
    at: Located,
    what: string,
    appendable: Set<string>,
    replaceable: Set<string>,
  ): Map<string, "append" | "replace"> | "invalid" {
    const modes = new Map<string, "append" | "replace">();
    if (item.append !== undefined && typeof item.append !== "boolean") {
      this.report("error", "LOAD_ERR_YAML_VALIDATE", at, "'append' must be a boolean", what);
      return "invalid";
    }
    if (item.override !== undefined) {
      if (item.append === true) {
        this.report(
          "error",
          "LOAD_ERR_YAML_VALIDATE",
          at,
          "'append' and 'override' cannot be used together",
          what,
        );
        return "invalid";
      }
      const override = item.override;
      if (!override || typeof override !== "object" || Array.isArray(override)) {
        this.report(
          "error",
          "LOAD_ERR_YAML_VALIDATE",
          at,
          "'override' must be a map of field: append|replace",
          what,
        );
        return "invalid";
      }
      for (const [key, mode] of Object.entries(override)) {
        if (mode !== "append" && mode !== "replace") {
          this.report(
            "error",
            "LOAD_ERR_YAML_VALIDATE",
            at,
            `override of '${key}' must be 'append' or 'replace'`,
            what,
          );
          return "invalid";
        }
        if (!(mode === "append" ? appendable : replaceable).has(key)) {
          this.report(
            "error",
            "LOAD_ERR_YAML_VALIDATE",
            at,
            `'${key}' cannot be overridden with '${mode}'`,
            what,
          );
          return "invalid";
        }
        if (!(key in item)) {
          this.report(
            "error",
            "LOAD_ERR_YAML_VALIDATE",
            at,
            `override of '${key}' but the item has no '${key}'`,
            what,
          );
          return "invalid";
        }
        modes.set(key, mode);
      }
      return modes;
    }
    if (item.append === true) for (const key of appendable) if (key in item) modes.set(key, "append");
    if (item.append === true && modes.size === 0) {
      this.report("warning", "LOAD_ERR_VALIDATE", at, "append with nothing to append", what);
      modes.set("__none", "append");
    }
    return modes;
  }

  private loadRule(item: Record<string, unknown>, at: Located, keyLine: (key: string) => number): void {
    const name = item.rule;
    if (typeof name !== "string" || name.trim() === "") {
      this.report("error", "LOAD_ERR_YAML_VALIDATE", at, "rule name must be a non-empty string");
      return;
    }
    const what = `rule ${name}`;
    for (const key of Object.keys(item))
      if (!RULE_KEYS.has(key))
        this.report("warning", "LOAD_UNKNOWN_ITEM", at, `unknown rule key '${key}'`, what);
    const exceptions = this.parseExceptions(item.exceptions, at, what);
    if (exceptions === "invalid") return;
    const existing = this.rules.get(name);
    const mode = this.mergeMode(item, at, what, RULE_APPEND_FIELDS, RULE_REPLACE_FIELDS);
    if (mode === "invalid") return;
    const keys = Object.keys(item).filter((k) => !["rule", "append", "override"].includes(k));
    const enableOnly = mode.size === 0 && keys.length === 1 && keys[0] === "enabled";
    if (mode.size > 0 || enableOnly) {
      if (!existing) {
        this.report(
          "error",
          "LOAD_ERR_VALIDATE",
          at,
          `rule '${name}' has 'append', 'override' or only 'enabled' but no earlier definition`,
          what,
        );
        return;
      }
      if (enableOnly) {
        if (typeof item.enabled !== "boolean") {
          this.report("error", "LOAD_ERR_YAML_VALIDATE", at, "'enabled' must be a boolean", what);
          return;
        }
        existing.enabled = item.enabled;
        return;
      }
      this.applyRuleOverride(existing, item, mode, exceptions ?? [], at, what);
      return;
    }
    const missing = ["condition", "output", "desc", "priority"].filter((k) => item[k] === undefined);
    if (missing.length > 0) {
      this.report(
        "error",
        "LOAD_ERR_YAML_VALIDATE",
        at,
        `rule is missing required field(s): ${missing.join(", ")}`,
        what,
      );
      return;
    }
    const fields = this.ruleFields(item, at, what);
    if (!fields) return;
    this.rules.delete(name);
    this.rules.set(name, {
      name,
      desc: fields.desc ?? "",
      condition: fields.condition ?? "",
      conditionLine: keyLine("condition"),
      output: fields.output ?? "",
      outputLine: keyLine("output"),
      priority: fields.priority ?? "DEBUG",
      source: fields.source ?? "syscall",
      tags: fields.tags ?? [],
      enabled: fields.enabled ?? true,
      exceptions: exceptions ?? [],
      skipIfUnknownFilter: fields.skip ?? false,
      ...at,
    });
  }

  private ruleFields(item: Record<string, unknown>, at: Located, what: string) {
    const out: {
      desc?: string;
      condition?: string;
      output?: string;
      priority?: Priority;
      source?: string;
      tags?: string[];
      enabled?: boolean;
      skip?: boolean;
    } = {};
    const bad = (message: string) => {
      this.report("error", "LOAD_ERR_YAML_VALIDATE", at, message, what);
      return undefined;
    };
    for (const key of ["desc", "condition", "output", "source"] as const) {
      const value = item[key];
      if (value === undefined) continue;
      if (typeof value !== "string") return bad(`'${key}' must be a string`);
      out[key] = key === "output" ? value.trim() : value;
    }
    if (item.priority !== undefined) {
      const priority = typeof item.priority === "string" ? parsePriority(item.priority) : undefined;
      if (!priority) return bad(`invalid priority ${JSON.stringify(item.priority)}`);
      out.priority = priority;
    }
    if (item.tags !== undefined) {
      if (!Array.isArray(item.tags)) return bad("'tags' must be a sequence");
      out.tags = item.tags.map(String);
    }
    if (item.enabled !== undefined) {
      if (typeof item.enabled !== "boolean") return bad("'enabled' must be a boolean");
      out.enabled = item.enabled;
    }
    if (item["skip-if-unknown-filter"] !== undefined) out.skip = item["skip-if-unknown-filter"] === true;
    return out;
  }

  private applyRuleOverride(
    rule: RuleEntry,
    item: Record<string, unknown>,
    mode: Map<string, "append" | "replace">,
    exceptions: ExceptionEntry[],
    at: Located,
    what: string,
  ): void {
    const fields = this.ruleFields(item, at, what);
    if (!fields) return;
    for (const [key, how] of mode) {
      const append = how === "append";
      switch (key) {
        case "condition":
          rule.condition = append ? `${rule.condition} ${fields.condition}` : (fields.condition ?? "");
          break;
        case "output":
          rule.output = append ? `${rule.output} ${fields.output}` : (fields.output ?? "");
          break;
        case "desc":
          rule.desc = append ? `${rule.desc} ${fields.desc}` : (fields.desc ?? "");
          break;
        case "tags":
          rule.tags = append ? [...rule.tags, ...(fields.tags ?? [])] : (fields.tags ?? []);
          break;
        case "priority":
          if (fields.priority) rule.priority = fields.priority;
          break;
        case "enabled":
          if (fields.enabled !== undefined) rule.enabled = fields.enabled;
          break;
        case "source":
          if (fields.source) rule.source = fields.source;
          break;
        case "skip-if-unknown-filter":
          rule.skipIfUnknownFilter = fields.skip ?? false;
          break;
        case "exceptions":
          if (!append) rule.exceptions = exceptions;
          else
            for (const exception of exceptions) {
              const same = rule.exceptions.find((e) => e.name === exception.name);
              // Appending to a named exception adds values; a new name adds the exception.
              if (same) same.values.push(...exception.values);
              else rule.exceptions.push(exception);
            }
          break;
      }
    }
    // Old-style `append: true` also accepted a lone `enabled` alongside.
    if (item.append === true && typeof item.enabled === "boolean") rule.enabled = item.enabled;
  }

  private parseExceptions(
    value: unknown,
    at: Located,
    what: string,
  ): ExceptionEntry[] | undefined | "invalid" {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.report("error", "LOAD_ERR_YAML_VALIDATE", at, "'exceptions' must be a sequence", what);
      return "invalid";
    }
    const out: ExceptionEntry[] = [];
    for (const raw of value) {
      const e = raw as Record<string, unknown>;
      if (!e || typeof e !== "object" || typeof e.name !== "string") {
        this.report("error", "LOAD_ERR_YAML_VALIDATE", at, "each exception needs a name", what);
        return "invalid";
      }
      const fields = e.fields;
      const validFields =
        typeof fields === "string" || (Array.isArray(fields) && fields.every((f) => typeof f === "string"));
      if (fields !== undefined && !validFields) {
        this.report(
          "error",
          "LOAD_ERR_YAML_VALIDATE",
          at,
          `exception '${e.name}': fields must be a string or a sequence of strings`,
          what,
        );
        return "invalid";
      }
      const comps = e.comps;
      if (Array.isArray(fields) && Array.isArray(comps) && comps.length !== fields.length) {
        this.report(
          "error",
          "LOAD_ERR_YAML_VALIDATE",
          at,
          `exception '${e.name}': fields and comps differ in length`,
          what,
        );
        return "invalid";
      }
      const values = e.values ?? [];
      if (!Array.isArray(values)) {
        this.report(
          "error",
          "LOAD_ERR_YAML_VALIDATE",
          at,
          `exception '${e.name}': values must be a sequence`,
          what,
        );
        return "invalid";
      }
      if (Array.isArray(fields))
        for (const tuple of values)
          if (!Array.isArray(tuple) || tuple.length !== fields.length) {
            this.report(
              "error",
              "LOAD_ERR_YAML_VALIDATE",
              at,
              `exception '${e.name}': each value must be a tuple of ${fields.length} item(s)`,
              what,
            );
            return "invalid";
          }
      out.push({
        name: e.name,
        fields: (fields as string | string[] | undefined) ?? [],
        comps: comps as string | string[] | undefined,
        values: [...values],
        ...at,
      });
    }
    return out;
  }
}

/** `"a b"` → `a b`: Falco strips one level of quotes from list items. */
export function unquote(value: string): string {
  if (
    value.length >= 2 &&
    (value.startsWith('"') || value.startsWith("'")) &&
    value.endsWith(value.charAt(0))
  )
    return value.slice(1, -1);
  return value;
}

export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth > 8) return;
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "tests" && !entry.name.startsWith(".")) walk(path, depth + 1);
      } else if (/\.ya?ml$/.test(entry.name)) out.push(path);
    }
  };
  walk(dir, 0);
  return out;
}

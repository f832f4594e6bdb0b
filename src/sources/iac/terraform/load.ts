/**
 * Loads Terraform configurations: parses every `.tf` file (a syntax error is
 * reported with file:line:col and the other files go on), groups files by
 * folder into modules, evaluates each root module (a folder that no other
 * scanned folder calls as a local module) with its variables, and maps the
 * resource instances to canonical resources.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { ScanError } from "../../../model/index.js";
import {
  DEFAULT_MAX_FILE_BYTES,
  emptyLoadResult,
  type IacLoadOptions,
  type IacLoadResult,
} from "../format.js";
import { type LoaderContext, ModuleEvaluation, type ParsedFile } from "./eval/module.js";
import { HclSyntaxError } from "./hcl/ast.js";
import { parseTerraformJson } from "./hcl/json-syntax.js";
import { parseHcl } from "./hcl/parser.js";
import { mapResources, type TfResourceInput } from "./mappers/index.js";
import { findSuppressions } from "./suppressions.js";
import { rootVariables, typeConstraintName } from "./variables.js";

interface FileEntry {
  parsed?: ParsedFile;
  text?: string;
}

export class TerraformLoader implements LoaderContext {
  readonly errors: ScanError[] = [];
  readonly notes: ScanError[] = [];
  readonly instances: TfResourceInput[] = [];
  readonly allowedRoots: string[];
  readonly maxFileBytes: number;
  private readonly roots: string[];
  private readonly reported = new Set<string>();
  private readonly files = new Map<string, FileEntry>();
  private readonly folders = new Map<string, string[]>();

  constructor(private readonly options: IacLoadOptions) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    // A root may be a single file (`mamori iac main.tf`): its folder is the root.
    this.roots = (options.roots ?? []).map((r) => {
      const abs = resolve(r);
      try {
        return statSync(abs).isFile() ? dirname(abs) : abs;
      } catch {
        return abs;
      }
    });
    this.allowedRoots = [...this.roots];
  }

  addNote(entry: ScanError): void {
    const key = `n ${entry.source}:${entry.line}:${entry.column} ${entry.message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.notes.push(entry);
  }

  addError(entry: ScanError): void {
    const key = `e ${entry.source}:${entry.line}:${entry.column} ${entry.message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.errors.push(entry);
  }

  displayPath(file: string): string {
    const abs = resolve(file);
    for (const root of this.roots) {
      const rel = relative(root, abs);
      if (rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
    }
    const rel = relative(process.cwd(), abs);
    return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : abs;
  }

  /** Parses a file once; undefined when it cannot be read or parsed (the error is recorded). */
  parse(file: string): ParsedFile | undefined {
    const abs = resolve(file);
    const cached = this.files.get(abs);
    if (cached) return cached.parsed;
    const entry: FileEntry = {};
    this.files.set(abs, entry);
    const source = this.displayPath(abs);
    try {
      const size = statSync(abs).size;
      if (size > this.maxFileBytes) {
        this.errors.push({
          source,
          message: `file is ${size} bytes, larger than the ${this.maxFileBytes}-byte limit; not scanned`,
        });
        return undefined;
      }
      const text = readFileSync(abs, "utf8");
      entry.text = text;
      entry.parsed = {
        path: abs,
        body: abs.endsWith(".tf.json") ? parseTerraformJson(text) : parseHcl(text),
      };
      return entry.parsed;
    } catch (error) {
      if (error instanceof HclSyntaxError)
        this.errors.push({ source, message: error.message, line: error.line, column: error.column });
      else this.errors.push({ source, message: `cannot read: ${(error as Error).message}` });
      return undefined;
    }
  }

  private readonly moduleCache = new Map<string, ParsedFile[] | undefined>();

  /** The `.tf` files of a module folder: the given ones for scanned folders, else all on disk. */
  moduleFiles(dir: string): ParsedFile[] | undefined {
    if (this.moduleCache.has(dir)) return this.moduleCache.get(dir);
    const files = this.readModuleFiles(dir);
    this.moduleCache.set(dir, files);
    return files;
  }

  private readModuleFiles(dir: string): ParsedFile[] | undefined {
    if (
      this.options.confineModules &&
      !this.allowedRoots.some((root) => dir === root || dir.startsWith(root + sep))
    )
      return undefined;
    const given = this.folders.get(dir);
    let names: string[];
    if (given) names = given;
    else {
      try {
        names = readdirSync(dir)
          .filter((n) => n.endsWith(".tf") || n.endsWith(".tf.json"))
          .sort()
          .map((n) => join(dir, n));
      } catch {
        return undefined;
      }
      this.folders.set(dir, names);
    }
    return names.map((n) => this.parse(n)).filter((p): p is ParsedFile => p !== undefined);
  }

  load(files: string[]): IacLoadResult {
    for (const file of files) {
      const abs = resolve(file);
      const dir = dirname(abs);
      const list = this.folders.get(dir) ?? [];
      if (!list.includes(abs)) list.push(abs);
      this.folders.set(dir, list);
    }
    const scanned = [...this.folders.keys()].sort();
    if (this.roots.length === 0) this.allowedRoots.push(...scanned);
    const called = new Set<string>();
    for (const dir of scanned)
      for (const file of this.moduleFiles(dir) ?? [])
        for (const block of file.body.blocks) {
          if (block.type !== "module") continue;
          const source = block.body.attributes.find((a) => a.name === "source")?.expr;
          const only = source?.kind === "template" ? source.parts[0] : undefined;
          if (
            source?.kind === "template" &&
            source.parts.length === 1 &&
            only?.kind === "text" &&
            /^\.\.?\//.test(only.text)
          )
            called.add(resolve(dir, only.text));
        }
    for (const dir of scanned) {
      if (called.has(dir) && this.folders.has(dir)) continue;
      this.evaluateRoot(dir);
    }
    const mapped = mapResources(this.instances, "terraform");
    const result = emptyLoadResult();
    result.resources = mapped.resources;
    result.errors = this.errors;
    result.notes = this.notes;
    for (const [abs, entry] of this.files) {
      if (!entry.parsed || entry.text === undefined) continue;
      const display = this.displayPath(abs);
      const found = findSuppressions(entry.text, display, entry.parsed.body, (start) => {
        const ids = new Set<string>();
        for (const instance of this.instances)
          if (instance.file === display && instance.range.startLine === start) {
            const owner = mapped.owners.get(instance);
            if (owner) ids.add(owner);
          }
        return [...ids];
      });
      result.suppressions.push(...found.suppressions);
      result.errors.push(...found.errors);
    }
    return result;
  }

  private evaluateRoot(dir: string): void {
    const files = this.moduleFiles(dir) ?? [];
    if (files.length === 0) return;
    const declaredTypes = new Map<string, string>();
    for (const file of files)
      for (const block of file.body.blocks)
        if (block.type === "variable" && block.labels[0])
          declaredTypes.set(
            block.labels[0],
            typeConstraintName(block.body.attributes.find((a) => a.name === "type")?.expr),
          );
    const variables = rootVariables(
      dir,
      {
        varFiles: (this.options.varFiles ?? []).map((f) => resolve(f)),
        vars: this.options.vars ?? {},
        maxFileBytes: this.maxFileBytes,
        displayPath: (f) => this.displayPath(f),
        declaredTypes,
      },
      this.errors,
    );
    try {
      new ModuleEvaluation(this, dir, files, {
        address: "",
        callPath: [],
        rootDir: dir,
        ancestors: [],
        depth: 0,
        rootVariables: variables,
      }).run();
    } catch (error) {
      // A bug must not stop the other modules; it is reported, with its message, as an error.
      this.errors.push({
        source: this.displayPath(dir),
        message: `internal error while evaluating the module: ${(error as Error).message}`,
      });
    }
  }
}

export function loadTerraform(files: string[], options: IacLoadOptions): IacLoadResult {
  return new TerraformLoader(options).load(files);
}

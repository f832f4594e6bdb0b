/**
 * Evaluates one Terraform module instance: variables, locals (lazily, in
 * dependency order, cycles reported), resources with count/for_each and
 * dynamic blocks, data sources, outputs and module calls (local sources and
 * those already installed under .terraform/modules), recursively with a
 * depth limit. Every managed resource instance it meets is handed to the
 * Loader as a plain attribute object with the lines of every attribute.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { LineRange, ScanError } from "../../../../model/index.js";
import { isUnknown, unknown } from "../../../../model/index.js";
import type { Attribute, Block, Body, Expr } from "../hcl/ast.js";
import { parseHclTemplate } from "../hcl/parser.js";
import type { TfResourceInput } from "../mappers/input.js";
import { type EvalHost, evaluate, evaluateTemplate, iterationPairs, Scope } from "./expr.js";
import { type FunctionHost, globToRegExp } from "./functions.js";
import { renderPolicyDocument } from "./policy-document.js";
import { applyTypeDefaults } from "./types.js";
import {
  deepUnknown,
  markResourceObject,
  Namespace,
  settle,
  TfEvalError,
  toNum,
  toStr,
  unknownOrigin,
  type Value,
} from "./values.js";

export const MAX_MODULE_DEPTH = 16;

export interface ParsedFile {
  path: string;
  body: Body;
}

/** What a module evaluation needs from the whole load: parsed files, limits, and where to put results. */
export interface LoaderContext {
  moduleFiles(dir: string): ParsedFile[] | undefined;
  /** Folders file() may read under (scan roots and module folders). */
  allowedRoots: string[];
  maxFileBytes: number;
  displayPath(file: string): string;
  errors: ScanError[];
  notes: ScanError[];
  instances: TfResourceInput[];
  /** Records a note or error once (a module called many times repeats the same problem). */
  addNote(entry: ScanError): void;
  addError(entry: ScanError): void;
}

interface Declared {
  file: string;
  block: Block;
}

const RESOURCE_META = new Set(["count", "for_each", "provider", "depends_on"]);
const RESOURCE_META_BLOCKS = new Set(["lifecycle", "provisioner", "connection"]);
const MODULE_META = new Set(["source", "version", "count", "for_each", "providers", "depends_on"]);

export interface ModuleCall {
  /** "" for a root module, else `module.a` or `module.a["k"].module.b`. */
  address: string;
  /** Call names from the root, for `.terraform/modules/modules.json` keys. */
  callPath: string[];
  /** The root module's folder (path.root, and the base of relative file paths). */
  rootDir: string;
  /** Folders of the calling modules, to refuse a module that calls itself. */
  ancestors: string[];
  depth: number;
  /** Input values from the caller; undefined for a root module (then `rootVariables` apply). */
  inputs?: Record<string, Value>;
  rootVariables?: Record<string, Value>;
  /** Regions of the calling module's `aws` providers by alias ("" is the default), inherited by child modules. */
  providerRegions?: Map<string, Value>;
}

export class ModuleEvaluation implements EvalHost, FunctionHost {
  private readonly variables = new Map<string, Declared>();
  private readonly variableValues = new Map<string, Value>();
  private readonly locals = new Map<string, { file: string; attr: Attribute }>();
  private readonly localValues = new Map<string, Value>();
  private readonly localStack: string[] = [];
  private readonly resources = new Map<string, Declared>();
  private readonly resourceTypes = new Set<string>();
  private readonly resourceValues = new Map<string, Value>();
  private readonly dataSources = new Map<string, Declared>();
  private readonly dataValues = new Map<string, Value>();
  private readonly moduleCalls = new Map<string, Declared>();
  private readonly moduleValues = new Map<string, Value>();
  private readonly outputs = new Map<string, { file: string; attr: Attribute }>();
  private readonly outputValues = new Map<string, Value>();
  private readonly inProgress = new Set<string>();
  private readonly providers: Declared[] = [];
  private readonly scope: Scope;
  /** The file of the attribute being evaluated, for notes. */
  private currentFile = "";

  constructor(
    private readonly loader: LoaderContext,
    readonly dir: string,
    files: ParsedFile[],
    private readonly call: ModuleCall,
  ) {
    this.scope = new Scope(this);
    for (const file of files) this.declare(file);
    this.resolveVariables();
  }

  private declare(file: ParsedFile): void {
    for (const block of file.body.blocks) {
      const [a, b] = block.labels;
      const where = { file: file.path, block };
      if (block.type === "resource" && a && b) {
        this.resources.set(`${a}.${b}`, where);
        this.resourceTypes.add(a);
      } else if (block.type === "data" && a && b) this.dataSources.set(`${a}.${b}`, where);
      else if (block.type === "variable" && a) this.variables.set(a, where);
      else if (block.type === "module" && a) this.moduleCalls.set(a, where);
      else if (block.type === "provider" && a === "aws") this.providers.push(where);
      else if (block.type === "output" && a) {
        const attr = block.body.attributes.find((x) => x.name === "value");
        if (attr) this.outputs.set(a, { file: file.path, attr });
      } else if (block.type === "locals")
        for (const attr of block.body.attributes) this.locals.set(attr.name, { file: file.path, attr });
    }
  }

  // ---- variables ----

  private resolveVariables(): void {
    const given = this.call.inputs ?? this.call.rootVariables ?? {};
    for (const [name, { file, block }] of this.variables) {
      let value: Value;
      if (Object.hasOwn(given, name)) value = given[name];
      else {
        const def = block.body.attributes.find((a) => a.name === "default");
        value = def
          ? this.evaluateAttribute(def, file, this.constantScope())
          : unknown(`var.${name} has no value`);
      }
      const nullable = block.body.attributes.find((a) => a.name === "nullable");
      if (value === null && nullable && !this.isTrue(nullable, file)) {
        const def = block.body.attributes.find((a) => a.name === "default");
        if (def) value = this.evaluateAttribute(def, file, this.constantScope());
      }
      const type = block.body.attributes.find((a) => a.name === "type")?.expr;
      value = applyTypeDefaults(value, type, (expr) => {
        try {
          return evaluate(expr, this.constantScope());
        } catch (error) {
          this.evalProblem(error, file, expr);
          return unknown("optional() default could not be evaluated");
        }
      });
      this.variableValues.set(name, value);
    }
    if (this.call.inputs)
      for (const name of Object.keys(this.call.inputs))
        if (!this.variables.has(name))
          this.note(this.dir, `module ${this.call.address} has no variable "${name}" (input ignored)`);
  }

  private isTrue(attr: Attribute, file: string): boolean {
    return this.evaluateAttribute(attr, file, this.constantScope()) === true;
  }

  private constants: Scope | undefined;

  /** A scope for values that may not refer to anything (defaults, sources, aliases); made once. */
  private constantScope(): Scope {
    this.constants ??= this.makeConstantScope();
    return this.constants;
  }

  private makeConstantScope(): Scope {
    const host: EvalHost = {
      ...this.fileFunctions(),
      root: (name) => {
        throw new TfEvalError(`"${name}" cannot be used here (only constant values)`);
      },
    };
    return new Scope(host);
  }

  // ---- the evaluation host ----

  private readonly namespaces = new Map<string, Value>();

  /** Root names are looked up on every reference: their namespaces are made once per module instance. */
  root(name: string): Value {
    let value = this.namespaces.get(name);
    if (value === undefined) {
      value = this.makeRoot(name);
      this.namespaces.set(name, value);
    }
    return value;
  }

  private makeRoot(name: string): Value {
    switch (name) {
      case "var":
        return new Namespace("var", (n) => {
          if (!this.variableValues.has(n)) throw new TfEvalError(`no variable "${n}" is declared`);
          return this.variableValues.get(n);
        });
      case "local":
        return new Namespace("local", (n) => this.localValue(n));
      case "module":
        return new Namespace("module", (n) => this.moduleValue(n));
      case "data":
        return new Namespace(
          "data",
          (type) => new Namespace(`data.${type}`, (n) => this.dataValue(`${type}.${n}`)),
        );
      case "path":
        return {
          module: relative(this.call.rootDir, this.dir) || ".",
          root: ".",
          cwd: this.call.rootDir,
        };
      case "terraform":
        return { workspace: "default" };
      case "count":
      case "each":
        throw new TfEvalError(
          `${name} is used in a block without ${name === "count" ? "count" : "for_each"}`,
        );
      case "self":
        throw new TfEvalError("self is only valid in provisioners");
    }
    if (this.resourceTypes.has(name)) return new Namespace(name, (n) => this.resourceValue(`${name}.${n}`));
    throw new TfEvalError(`unknown reference "${name}"`);
  }

  private localValue(name: string): Value {
    if (this.localValues.has(name)) return this.localValues.get(name);
    const declared = this.locals.get(name);
    if (!declared) throw new TfEvalError(`no local value "${name}" is declared`);
    if (this.localStack.includes(name)) {
      const cycle = [...this.localStack.slice(this.localStack.indexOf(name)), name].map((n) => `local.${n}`);
      const message = `cycle between local values: ${cycle.join(" -> ")}`;
      this.error(declared.file, message, declared.attr.line, declared.attr.column);
      return unknown(message);
    }
    this.localStack.push(name);
    try {
      const value = this.evaluateAttribute(declared.attr, declared.file, this.scope);
      this.localValues.set(name, value);
      return value;
    } finally {
      this.localStack.pop();
    }
  }

  /** The value of an output, for `module.x.name` in the caller. */
  outputValue(name: string): Value {
    if (this.outputValues.has(name)) return this.outputValues.get(name);
    const declared = this.outputs.get(name);
    if (!declared) throw new TfEvalError(`module ${this.call.address} has no output "${name}"`);
    const key = `output.${name}`;
    if (this.inProgress.has(key)) return unknown(`output ${name} depends on itself`);
    this.inProgress.add(key);
    const value = this.evaluateAttribute(declared.attr, declared.file, this.scope);
    this.inProgress.delete(key);
    this.outputValues.set(name, value);
    return value;
  }

  private regions: Map<string, Value> | undefined;

  /** This module's `provider "aws"` regions over the ones it inherits. */
  providerRegions(): Map<string, Value> {
    if (this.regions) return this.regions;
    this.regions = new Map(this.call.providerRegions ?? []);
    for (const { file, block } of this.providers) {
      const alias = block.body.attributes.find((a) => a.name === "alias");
      const region = block.body.attributes.find((a) => a.name === "region");
      const name = alias ? this.evaluateAttribute(alias, file, this.constantScope()) : "";
      if (typeof name === "string" && region)
        this.regions.set(name, this.evaluateAttribute(region, file, this.scope));
    }
    return this.regions;
  }

  // ---- resources and data sources ----

  /** Evaluates every resource and module call (instances reach the loader as a side effect). */
  run(): void {
    for (const key of this.resources.keys()) this.resourceValue(key);
    for (const name of this.moduleCalls.keys()) this.moduleValue(name);
  }

  private resourceValue(key: string): Value {
    if (this.resourceValues.has(key)) return this.resourceValues.get(key);
    const declared = this.resources.get(key);
    if (!declared) throw new TfEvalError(`no resource ${key} is declared`);
    return this.expand(`resource.${key}`, key, declared, this.resourceValues, "managed");
  }

  private dataValue(key: string): Value {
    if (this.dataValues.has(key)) return this.dataValues.get(key);
    const declared = this.dataSources.get(key);
    if (!declared) throw new TfEvalError(`no data source ${key} is declared`);
    return this.expand(`data.${key}`, `data.${key}`, declared, this.dataValues, "data");
  }

  private prefix(): string {
    return this.call.address === "" ? "" : `${this.call.address}.`;
  }

  /** count / for_each expansion of a resource or data block into its reference value. */
  private expand(
    progressKey: string,
    localAddress: string,
    declared: Declared,
    memo: Map<string, Value>,
    mode: "managed" | "data",
  ): Value {
    if (this.inProgress.has(progressKey)) return unknown(`${localAddress} refers to itself`);
    this.inProgress.add(progressKey);
    try {
      const { file, block } = declared;
      const address = `${this.prefix()}${localAddress}`;
      const keys = this.instanceKeys(block, file, address);
      let value: Value;
      if (isUnknown(keys)) value = keys;
      else if (keys.kind === "single")
        value = this.instance(block, file, address, undefined, this.scope, mode);
      else if (keys.kind === "count")
        value = keys.items.map((i) =>
          this.instance(block, file, `${address}[${i}]`, i, this.scope.child({ count: { index: i } }), mode),
        );
      else {
        const out: Record<string, Value> = {};
        for (const [k, v] of keys.items)
          out[k] = this.instance(
            block,
            file,
            `${address}[${JSON.stringify(k)}]`,
            k,
            this.scope.child({ each: { key: k, value: v } }),
            mode,
          );
        value = out;
      }
      memo.set(progressKey.slice(progressKey.indexOf(".") + 1), value);
      return value;
    } finally {
      this.inProgress.delete(progressKey);
    }
  }

  private instanceKeys(
    block: Block,
    file: string,
    address: string,
  ):
    | { kind: "single" }
    | { kind: "count"; items: number[] }
    | { kind: "each"; items: [string, Value][] }
    | ReturnType<typeof unknown> {
    const countAttr = block.body.attributes.find((a) => a.name === "count");
    const eachAttr = block.body.attributes.find((a) => a.name === "for_each");
    if (countAttr) {
      const count = this.evaluateAttribute(countAttr, file, this.scope);
      if (isUnknown(count)) {
        this.note(file, `count of ${address} is not known; its instances are not evaluated`, countAttr.line);
        return count;
      }
      try {
        const n = toNum(count, "count");
        if (!Number.isInteger(n) || n < 0 || n > 100_000)
          throw new TfEvalError(`count ${n} is not a valid count`);
        return { kind: "count", items: Array.from({ length: n }, (_, i) => i) };
      } catch (error) {
        this.evalProblem(error, file, countAttr);
        return unknown("invalid count");
      }
    }
    if (eachAttr) {
      const each = this.evaluateAttribute(eachAttr, file, this.scope);
      const u = deepUnknown(each);
      if (u && (isUnknown(each) || Array.isArray(each))) {
        this.note(
          file,
          `for_each of ${address} is not known; its instances are not evaluated`,
          eachAttr.line,
        );
        return u;
      }
      try {
        const pairs = Array.isArray(each)
          ? each.map((v): [string, Value] => [toStr(v, "for_each set element"), v])
          : iterationPairs(each, "for_each").map(([k, v]): [string, Value] => [String(k), v]);
        return { kind: "each", items: pairs };
      } catch (error) {
        this.evalProblem(error, file, eachAttr);
        return unknown("invalid for_each");
      }
    }
    return { kind: "single" };
  }

  private instance(
    block: Block,
    file: string,
    address: string,
    indexKey: string | number | undefined,
    scope: Scope,
    mode: "managed" | "data",
  ): Value {
    const out: BodyOutput = { values: {}, lines: {}, refs: {} };
    this.evaluateBody(block.body, scope, file, "", out, true);
    const type = block.labels[0] as string;
    if (mode === "data" && type === "aws_iam_policy_document")
      out.values.json = renderPolicyDocument(out.values);
    if (mode === "managed") {
      const input: TfResourceInput = {
        type,
        address,
        moduleAddress: this.call.address,
        file: this.loader.displayPath(file),
        range: { startLine: block.line, endLine: block.endLine },
        values: out.values,
        lines: out.lines,
        refs: out.refs,
      };
      if (indexKey !== undefined) input.indexKey = indexKey;
      const region = this.providerRegions().get(providerAlias(block));
      if (typeof region === "string" && region !== "") input.region = region;
      this.loader.instances.push(input);
    }
    return markResourceObject(out.values, address);
  }

  private evaluateBody(
    body: Body,
    scope: Scope,
    file: string,
    path: string,
    out: BodyOutput,
    top: boolean,
  ): void {
    for (const attr of body.attributes) {
      if (top && RESOURCE_META.has(attr.name)) continue;
      const attrPath = path === "" ? attr.name : `${path}.${attr.name}`;
      const value = this.evaluateAttribute(attr, file, scope);
      setValue(out.values, attr.name, value);
      out.lines[attrPath] = { startLine: attr.line, endLine: attr.endLine };
      const origin = unknownOrigin(value);
      if (origin !== undefined) out.refs[attrPath] = [origin];
      else if (top) {
        const refs = collectOrigins(value);
        if (refs.length > 0) out.refs[attrPath] = refs;
      }
    }
    for (const block of body.blocks) {
      if (top && RESOURCE_META_BLOCKS.has(block.type)) continue;
      if (block.type === "dynamic") {
        this.evaluateDynamic(block, scope, file, path, out);
        continue;
      }
      this.appendBlock(block.type, block, block.body, scope, file, path, out);
    }
  }

  private appendBlock(
    type: string,
    where: Block,
    body: Body,
    scope: Scope,
    file: string,
    path: string,
    out: BodyOutput,
  ): void {
    const existing = out.values[type];
    if (isUnknown(existing)) return;
    const list = Array.isArray(existing) ? existing : [];
    out.values[type] = list;
    const blockPath = `${path === "" ? type : `${path}.${type}`}[${list.length}]`;
    const inner: BodyOutput = { values: {}, lines: out.lines, refs: out.refs };
    this.evaluateBody(body, scope, file, blockPath, inner, false);
    list.push(inner.values);
    out.lines[blockPath] = { startLine: where.line, endLine: where.endLine };
  }

  private evaluateDynamic(block: Block, scope: Scope, file: string, path: string, out: BodyOutput): void {
    const label = block.labels[0];
    if (!label) {
      this.error(file, "a dynamic block needs a label", block.line, block.column);
      return;
    }
    const eachAttr = block.body.attributes.find((a) => a.name === "for_each");
    const content = block.body.blocks.find((b) => b.type === "content");
    if (!eachAttr || !content) {
      this.error(file, `dynamic "${label}" needs for_each and a content block`, block.line, block.column);
      return;
    }
    const iteratorAttr = block.body.attributes.find((a) => a.name === "iterator");
    const iterator = iteratorAttr?.expr.kind === "variable" ? iteratorAttr.expr.name : label;
    const collection = this.evaluateAttribute(eachAttr, file, scope);
    const blockPath = path === "" ? label : `${path}.${label}`;
    if (
      isUnknown(collection) ||
      (Array.isArray(collection) && deepUnknown(collection) && collection.length === 0)
    ) {
      out.values[label] = isUnknown(collection) ? collection : unknown(`dynamic ${label} is not known`);
      out.lines[blockPath] = { startLine: block.line, endLine: block.endLine };
      return;
    }
    let pairs: [Value, Value][];
    try {
      pairs = iterationPairs(collection, `dynamic "${label}" for_each`);
    } catch (error) {
      this.evalProblem(error, file, eachAttr);
      out.values[label] = unknown(`dynamic ${label} could not be evaluated`);
      return;
    }
    for (const [k, v] of pairs)
      this.appendBlock(
        label,
        block,
        content.body,
        scope.child({ [iterator]: { key: k, value: v } }),
        file,
        path,
        out,
      );
  }

  // ---- module calls ----

  private moduleValue(name: string): Value {
    if (this.moduleValues.has(name)) return this.moduleValues.get(name);
    const declared = this.moduleCalls.get(name);
    if (!declared) throw new TfEvalError(`no module "${name}" is declared`);
    const key = `module.${name}`;
    if (this.inProgress.has(key)) return unknown(`module.${name} depends on itself`);
    this.inProgress.add(key);
    try {
      const value = this.callModule(name, declared);
      this.moduleValues.set(name, value);
      return value;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private callModule(name: string, { file, block }: Declared): Value {
    const sourceAttr = block.body.attributes.find((a) => a.name === "source");
    const source = sourceAttr ? this.evaluateAttribute(sourceAttr, file, this.constantScope()) : undefined;
    const address = `${this.prefix()}module.${name}`;
    const unresolved = (why: string): Value => {
      this.note(file, `module ${address} not resolved (${why}); its resources are not scanned`, block.line);
      return new Namespace(address, (out) => unknown(`${address}.${out}: module not resolved`));
    };
    if (typeof source !== "string") return unresolved("source is not a literal string");
    const dir = this.moduleDir(name, source);
    if (dir === undefined) return unresolved("registry/git source");
    if (this.call.depth + 1 > MAX_MODULE_DEPTH) return unresolved(`nesting deeper than ${MAX_MODULE_DEPTH}`);
    if (this.call.ancestors.includes(dir) || dir === this.dir) return unresolved("the module calls itself");
    const files = this.loader.moduleFiles(dir);
    if (!files) return unresolved(`folder ${this.loader.displayPath(dir)} not found`);
    if (!this.loader.allowedRoots.includes(dir)) this.loader.allowedRoots.push(dir);
    const keys = this.instanceKeys(block, file, address);
    if (isUnknown(keys)) return keys;
    const child = (suffix: string, scope: Scope): Value => {
      const inputs: Record<string, Value> = {};
      for (const attr of block.body.attributes)
        if (!MODULE_META.has(attr.name)) inputs[attr.name] = this.evaluateAttribute(attr, file, scope);
      const evaluation = new ModuleEvaluation(this.loader, dir, files, {
        address: `${address}${suffix}`,
        callPath: [...this.call.callPath, name],
        rootDir: this.call.rootDir,
        ancestors: [...this.call.ancestors, this.dir],
        depth: this.call.depth + 1,
        inputs,
        providerRegions: this.providerRegions(),
      });
      evaluation.run();
      return new Namespace(`${address}${suffix}`, (out) => evaluation.outputValue(out));
    };
    if (keys.kind === "single") return child("", this.scope);
    if (keys.kind === "count")
      return keys.items.map((i) => child(`[${i}]`, this.scope.child({ count: { index: i } })));
    const out: Record<string, Value> = {};
    for (const [k, v] of keys.items)
      out[k] = child(`[${JSON.stringify(k)}]`, this.scope.child({ each: { key: k, value: v } }));
    return out;
  }

  /** A local source, or a module installed by `terraform init` under the root's .terraform/modules. */
  private moduleDir(name: string, source: string): string | undefined {
    if (source.startsWith("./") || source.startsWith("../")) return resolve(this.dir, source);
    const manifest = join(this.call.rootDir, ".terraform", "modules", "modules.json");
    if (!existsSync(manifest)) return undefined;
    try {
      const parsed = JSON.parse(readFileSync(manifest, "utf8")) as {
        Modules?: { Key?: string; Dir?: string }[];
      };
      const key = [...this.call.callPath, name].join(".");
      const entry = parsed.Modules?.find((m) => m.Key === key);
      if (!entry?.Dir) return undefined;
      const dir = resolve(this.call.rootDir, entry.Dir);
      // An installed module must stay inside the root's folder tree.
      return dir.startsWith(this.call.rootDir + sep) ? dir : undefined;
    } catch {
      this.note(manifest, "cannot read .terraform/modules/modules.json");
      return undefined;
    }
  }

  // ---- attribute evaluation, errors ----

  private evaluateAttribute(attr: Attribute, file: string, scope: Scope): Value {
    const saved = this.currentFile;
    this.currentFile = file;
    try {
      return settle(evaluate(attr.expr, scope));
    } catch (error) {
      this.evalProblem(error, file, attr);
      return unknown(`${attr.name} could not be evaluated`);
    } finally {
      this.currentFile = saved;
    }
  }

  private evalProblem(
    error: unknown,
    file: string,
    attr: { line: number; column: number; expr?: Expr },
  ): void {
    if (!(error instanceof TfEvalError)) throw error;
    this.note(
      file,
      `cannot evaluate: ${error.message}`,
      error.line ?? attr.line,
      error.column ?? attr.column,
    );
  }

  private note(file: string, message: string, line?: number, column?: number): void {
    const entry: ScanError = { source: this.loader.displayPath(file), message };
    if (line !== undefined) entry.line = line;
    if (column !== undefined) entry.column = column;
    this.loader.addNote(entry);
  }

  private error(file: string, message: string, line: number, column: number): void {
    const entry: ScanError = { source: this.loader.displayPath(file), message, line, column };
    this.loader.addError(entry);
  }

  // ---- file functions ----

  private fileFunctions(): FunctionHost {
    return {
      readFile: (p) => this.readFile(p),
      fileExists: (p) => this.fileExists(p),
      renderTemplate: (t, v, f) => this.renderTemplate(t, v, f),
      listFiles: (d, p) => this.listFiles(d, p),
    };
  }

  private checkedPath(path: string): string {
    const abs = isAbsolute(path) ? resolve(path) : resolve(this.call.rootDir, path);
    const inside = this.loader.allowedRoots.some((root) => abs === root || abs.startsWith(root + sep));
    if (!inside) throw new TfEvalError(`file ${path} is outside the scanned folders`);
    return abs;
  }

  readFile(path: string): string {
    const abs = this.checkedPath(path);
    let size: number;
    try {
      size = statSync(abs).size;
    } catch {
      throw new TfEvalError(`file ${path} does not exist`);
    }
    if (size > this.loader.maxFileBytes)
      throw new TfEvalError(`file ${path} is larger than ${this.loader.maxFileBytes} bytes`);
    return readFileSync(abs, "utf8");
  }

  fileExists(path: string): boolean {
    try {
      return statSync(this.checkedPath(path)).isFile();
    } catch (error) {
      if (error instanceof TfEvalError) throw error;
      return false;
    }
  }

  listFiles(dir: string, pattern: string): string[] {
    const base = this.checkedPath(dir);
    const matcher = globToRegExp(pattern);
    const out: string[] = [];
    const walk = (folder: string, depth: number) => {
      if (depth > 32 || out.length > 10_000) return;
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = join(folder, entry.name);
        if (entry.isDirectory()) walk(full, depth + 1);
        else if (entry.isFile()) {
          const rel = relative(base, full).split(sep).join("/");
          if (matcher.test(rel)) out.push(rel);
        }
      }
    };
    if (existsSync(base)) walk(base, 0);
    return out.sort();
  }

  renderTemplate(text: string, vars: Record<string, Value>, file: string): Value {
    let template: ReturnType<typeof parseHclTemplate>;
    try {
      template = parseHclTemplate(text);
    } catch (error) {
      throw new TfEvalError(`templatefile ${file}: ${(error as Error).message}`);
    }
    const host: EvalHost = {
      ...this.fileFunctions(),
      root: (name) => {
        throw new TfEvalError(`templatefile ${file}: variable "${name}" is not passed to the template`);
      },
    };
    return evaluateTemplate(template.parts, new Scope(host).child(vars), false);
  }
}

interface BodyOutput {
  values: Record<string, Value>;
  lines: Record<string, LineRange>;
  refs: Record<string, string[]>;
}

function setValue(target: Record<string, Value>, name: string, value: Value): void {
  target[name] = value;
}

/** Addresses of resources whose computed attributes appear inside a value (e.g. a list of group ids). */
function collectOrigins(value: Value, depth = 0, out: string[] = []): string[] {
  const origin = unknownOrigin(value);
  if (origin !== undefined) out.push(origin);
  else if (depth < 8 && typeof value === "object" && value !== null && !isUnknown(value))
    for (const child of Array.isArray(value) ? value : Object.values(value))
      collectOrigins(child, depth + 1, out);
  return out;
}

/** The provider alias a resource block names (`provider = aws.west` → "west"), "" for the default. */
function providerAlias(block: Block): string {
  const expr = block.body.attributes.find((a) => a.name === "provider")?.expr;
  return expr?.kind === "getattr" && expr.object.kind === "variable" ? expr.name : "";
}

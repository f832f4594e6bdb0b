import { type Compiled, CompileError, compileCondition, type Predicate } from "./compile.js";
import {
  type ConditionNode,
  ConditionSyntaxError,
  type ListItem,
  offsetToLineCol,
  parseCondition,
} from "./condition.js";
import type { SourceFields } from "./fields/common.js";
import type { ExceptionEntry, RuleEntry, RuleSet } from "./loader.js";
import type { LoadMessage } from "./messages.js";
import { compileOutput, type OutputFormat, renderOutput } from "./output.js";
import { sourceTables } from "./sources.js";
import type { Alert, DetectEvent, Priority } from "./types.js";

export interface CompiledRule {
  seq: number;
  name: string;
  desc: string;
  priority: Priority;
  source: string;
  tags: string[];
  predicate: Predicate;
  output: OutputFormat;
  index: Set<string> | null;
  attribution?: RuleEntry["attribution"];
  file: string;
  line: number;
}

interface SourceIndex {
  table: SourceFields;
  indexField?: (e: DetectEvent) => unknown;
  byValue: Map<string, CompiledRule[]>;
  /** Rules that can match any event of the source. */
  generic: CompiledRule[];
  all: CompiledRule[];
}

/** Rules not written in Falco syntax (Sigma) plug in as ready predicates. */
export interface ExternalRule {
  name: string;
  desc: string;
  priority: Priority;
  source: string;
  tags: string[];
  predicate: Predicate;
  output: string;
  attribution?: RuleEntry["attribution"];
  file: string;
  line: number;
}

/**
 * The rule engine: compiled rules of every source, indexed by the source's event-type field
 * (ct.name, ka.target.resource, gcp.methodName…) so an event is only tested against the rules
 * that can match it. `process(event)` is all a long-running server needs.
 */
export class Engine {
  readonly messages: LoadMessage[] = [];
  private readonly sources = new Map<string, SourceIndex>();
  private seq = 0;

  constructor(readonly tables: Map<string, SourceFields> = sourceTables()) {}

  static fromRuleSet(ruleset: RuleSet, external: ExternalRule[] = []): Engine {
    const engine = new Engine();
    engine.messages.push(...ruleset.messages);
    engine.compileRuleSet(ruleset);
    for (const rule of external) engine.addExternal(rule);
    engine.buildIndex();
    return engine;
  }

  get rules(): CompiledRule[] {
    return [...this.sources.values()].flatMap((s) => s.all).sort((a, b) => a.seq - b.seq);
  }

  get errors(): LoadMessage[] {
    return this.messages.filter((m) => m.severity === "error");
  }

  private indexFor(source: string): SourceIndex | undefined {
    let index = this.sources.get(source);
    if (!index) {
      const table = this.tables.get(source);
      if (!table) return undefined;
      const field = table.indexField ? table.fields.get(table.indexField) : undefined;
      index = {
        table,
        indexField: field ? (e) => field.extract(e, undefined) : undefined,
        byValue: new Map(),
        generic: [],
        all: [],
      };
      this.sources.set(source, index);
    }
    return index;
  }

  private compileRuleSet(ruleset: RuleSet): void {
    const macroAsts = new Map<string, ConditionNode | null>();
    const macroAst = (name: string): ConditionNode | undefined => {
      const macro = ruleset.macros.get(name);
      if (!macro) return undefined;
      macro.used = true;
      if (!macroAsts.has(name)) {
        try {
          macroAsts.set(name, parseCondition(macro.condition));
        } catch (error) {
          if (!(error instanceof ConditionSyntaxError)) throw error;
          macroAsts.set(name, null);
        }
      }
      const ast = macroAsts.get(name);
      if (ast === null) throw new CompileError(`macro '${name}' has a syntax error`, undefined, name);
      return ast;
    };
    const listCache = new Map<string, string[]>();
    const resolving = new Set<string>();
    const list = (name: string): string[] | undefined => {
      const entry = ruleset.lists.get(name);
      if (!entry) return undefined;
      entry.used = true;
      const cached = listCache.get(name);
      if (cached) return cached;
      if (resolving.has(name)) return entry.items;
      resolving.add(name);
      const items = entry.items.flatMap((item) => (ruleset.lists.has(item) ? (list(item) ?? []) : [item]));
      resolving.delete(name);
      listCache.set(name, items);
      return items;
    };
    // Syntax errors in macros are reported once, at the macro.
    for (const macro of ruleset.macros.values())
      try {
        parseCondition(macro.condition);
      } catch (error) {
        if (!(error instanceof ConditionSyntaxError)) throw error;
        const at = offsetToLineCol(macro.condition, error.pos);
        this.messages.push({
          severity: "error",
          code: "LOAD_ERR_COMPILE_CONDITION",
          file: macro.file,
          line: macro.conditionLine + at.line,
          col: at.line === 0 ? undefined : at.col,
          item: `macro ${macro.name}`,
          message: error.message,
        });
      }

    for (const rule of ruleset.rules.values()) {
      const what = `rule ${rule.name}`;
      const index = this.indexFor(rule.source);
      if (!index) {
        this.messages.push({
          severity: "warning",
          code: "LOAD_UNKNOWN_SOURCE",
          file: rule.file,
          line: rule.line,
          item: what,
          message: `unknown source '${rule.source}'; rule skipped`,
        });
        continue;
      }
      let compiled: Compiled;
      try {
        const ast = withExceptions(parseCondition(rule.condition), rule.exceptions);
        const used = new Set<string>();
        compiled = compileCondition(ast, {
          fields: index.table,
          macro: macroAst,
          list,
          onField: (f) => used.add(f),
        });
        if (rule.enabled) for (const f of used) index.table.noteFieldRead?.(f, compiled.index);
      } catch (error) {
        if (!(error instanceof CompileError) && !(error instanceof ConditionSyntaxError)) throw error;
        this.pushConditionError(rule, error, ruleset);
        continue;
      }
      let output: OutputFormat;
      try {
        output = compileOutput(rule.output, index.table);
      } catch (error) {
        if (!(error instanceof CompileError)) throw error;
        this.messages.push({
          severity: "error",
          code: "LOAD_ERR_COMPILE_OUTPUT",
          file: rule.file,
          line: rule.outputLine,
          item: what,
          message: error.message,
        });
        continue;
      }
      if (!rule.enabled) continue;
      index.all.push({
        seq: this.seq++,
        name: rule.name,
        desc: rule.desc,
        priority: rule.priority,
        source: rule.source,
        tags: rule.tags,
        predicate: compiled.predicate,
        output,
        index: compiled.index,
        attribution: rule.attribution,
        file: rule.file,
        line: rule.line,
      });
    }
    for (const macro of ruleset.macros.values())
      if (!macro.used)
        this.messages.push({
          severity: "warning",
          code: "LOAD_UNUSED_MACRO",
          file: macro.file,
          line: macro.line,
          item: `macro ${macro.name}`,
          message: "macro not referred to by any rule",
        });
    for (const l of ruleset.lists.values())
      if (!l.used)
        this.messages.push({
          severity: "warning",
          code: "LOAD_UNUSED_LIST",
          file: l.file,
          line: l.line,
          item: `list ${l.name}`,
          message: "list not referred to by any rule or macro",
        });
  }

  private pushConditionError(
    rule: RuleEntry,
    error: CompileError | ConditionSyntaxError,
    ruleset: RuleSet,
  ): void {
    const macroName = error instanceof CompileError ? error.macro : undefined;
    const macro = macroName ? ruleset.macros.get(macroName) : undefined;
    const text = macro ? macro.condition : rule.condition;
    const base = macro ? macro.conditionLine : rule.conditionLine;
    const pos = error.pos;
    const at = pos === undefined || pos > text.length ? { line: 0, col: 0 } : offsetToLineCol(text, pos);
    const unknownField = error.message.startsWith("unknown field");
    this.messages.push({
      severity: rule.skipIfUnknownFilter && unknownField ? "warning" : "error",
      code: rule.skipIfUnknownFilter && unknownField ? "LOAD_UNKNOWN_FILTER" : "LOAD_ERR_COMPILE_CONDITION",
      file: macro ? macro.file : rule.file,
      line: base + at.line,
      col: at.col || undefined,
      item: `rule ${rule.name}${macro ? ` (in macro ${macro.name})` : ""}`,
      message: error.message,
    });
  }

  private addExternal(rule: ExternalRule): void {
    const index = this.indexFor(rule.source);
    if (!index) return;
    let output: OutputFormat;
    try {
      output = compileOutput(rule.output, index.table);
    } catch {
      output = { pieces: [rule.output], fields: [] };
    }
    index.all.push({
      seq: this.seq++,
      name: rule.name,
      desc: rule.desc,
      priority: rule.priority,
      source: rule.source,
      tags: rule.tags,
      predicate: rule.predicate,
      output,
      index: null,
      attribution: rule.attribution,
      file: rule.file,
      line: rule.line,
    });
  }

  private buildIndex(): void {
    for (const index of this.sources.values()) {
      index.generic = index.all.filter((r) => r.index === null || !index.indexField);
      const keyed = index.all.filter((r) => r.index !== null && index.indexField);
      const values = new Set(keyed.flatMap((r) => [...(r.index ?? [])]));
      for (const value of values) {
        const rules = [...index.generic, ...keyed.filter((r) => r.index?.has(value))];
        index.byValue.set(
          value,
          rules.sort((a, b) => a.seq - b.seq),
        );
      }
    }
  }

  /** Rules an event of this source is tested against (all of them for sources without an index). */
  candidates(event: DetectEvent): CompiledRule[] {
    const index = this.sources.get(event.source);
    if (!index) return [];
    if (!index.indexField || index.byValue.size === 0) return index.generic;
    const value = index.indexField(event);
    return (typeof value === "string" ? index.byValue.get(value) : undefined) ?? index.generic;
  }

  /** Alerts of every rule the event matches, in rule order. */
  process(event: DetectEvent): Alert[] {
    const table = this.tables.get(event.source);
    table?.observe?.(event);
    const alerts: Alert[] = [];
    for (const rule of this.candidates(event)) {
      if (!rule.predicate(event)) continue;
      const { text, fields } = renderOutput(rule.output, event);
      alerts.push({
        rule: rule.name,
        priority: rule.priority,
        time: new Date(event.timeMs || 0).toISOString(),
        output: text,
        source: event.source,
        tags: rule.tags,
        fields,
        eventId: table?.eventId?.(event),
        ...(rule.attribution ? { attribution: rule.attribution } : {}),
      });
    }
    return alerts;
  }

  actorOf(event: DetectEvent): string | undefined {
    return this.tables.get(event.source)?.actor?.(event);
  }

  resourceOf(event: DetectEvent): string | undefined {
    return this.tables.get(event.source)?.resource?.(event);
  }
}

/** `cond and not (exception tuple or …)`, built as AST so values need no quoting. */
export function withExceptions(ast: ConditionNode, exceptions: ExceptionEntry[]): ConditionNode {
  const alternatives: ConditionNode[] = [];
  for (const exception of exceptions) {
    const fields = typeof exception.fields === "string" ? [exception.fields] : exception.fields;
    const single = typeof exception.fields === "string";
    const comps = single
      ? [typeof exception.comps === "string" ? exception.comps : "in"]
      : fields.map((_, i) => (Array.isArray(exception.comps) ? String(exception.comps[i] ?? "=") : "="));
    const tuples = single ? [[exception.values]] : (exception.values as unknown[][]);
    if (single && exception.values.length === 0) continue;
    for (const tuple of tuples) {
      const checks = fields.map((fieldText, i): ConditionNode => {
        const field = parseFieldText(fieldText);
        const op = comps[i] ?? "=";
        const raw = tuple[i];
        if (op === "in" || op === "intersects" || op === "pmatch") {
          const items: ListItem[] = (Array.isArray(raw) ? raw : parenList(raw)).map((v) => item(v));
          return { kind: "check", field, op, value: { kind: "list", items }, pos: 0 };
        }
        return {
          kind: "check",
          field,
          op,
          value: { kind: "value", item: { ...item(raw), quoted: true } },
          pos: 0,
        };
      });
      alternatives.push(checks.length === 1 ? (checks[0] as ConditionNode) : { kind: "and", items: checks });
    }
  }
  if (alternatives.length === 0) return ast;
  const excluded: ConditionNode =
    alternatives.length === 1 ? (alternatives[0] as ConditionNode) : { kind: "or", items: alternatives };
  return { kind: "and", items: [ast, { kind: "not", item: excluded }] };
}

/** `(a, b)` written as one YAML string: Falco accepts it as a list (of values or list names). */
function parenList(raw: unknown): unknown[] {
  if (typeof raw === "string" && raw.startsWith("(") && raw.endsWith(")"))
    return raw
      .slice(1, -1)
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  return [raw];
}

function item(value: unknown): ListItem {
  const text = value === null || value === undefined ? "" : String(value);
  const quoted =
    text.length >= 2 && (text.startsWith('"') || text.startsWith("'")) && text.endsWith(text.charAt(0));
  return { text: quoted ? text.slice(1, -1) : text, quoted, pos: 0 };
}

function parseFieldText(text: string) {
  const ast = parseCondition(`${text} exists`);
  if (ast.kind !== "check") throw new CompileError(`invalid exception field '${text}'`);
  return ast.field;
}

/**
 * A recursive-descent parser for HCL native syntax (the `.tf` language):
 * bodies, blocks, attributes and the full expression grammar, including
 * template strings with `${}` interpolation and `%{if}`/`%{for}` directives,
 * heredocs, for-expressions and splats. Scanning and parsing are one pass
 * over the characters because template strings switch the lexical mode.
 */
import type {
  Attribute,
  BinaryOp,
  Block,
  Body,
  Expr,
  ForExpr,
  Span,
  TemplateExpr,
  TemplatePart,
} from "./ast.js";
import { HclSyntaxError } from "./ast.js";

const MAX_DEPTH = 256;

const BINARY_LEVELS: BinaryOp[][] = [
  ["||"],
  ["&&"],
  ["==", "!="],
  ["<", ">", "<=", ">="],
  ["+", "-"],
  ["*", "/", "%"],
];

/** Parses a whole `.tf` / `.tfvars` file. Throws HclSyntaxError with line and column. */
export function parseHcl(source: string): Body {
  const parser = new Parser(source, 0);
  const body = parser.parseBody(false);
  return body;
}

/** Parses one expression (used for `--var name=value` of complex types). */
export function parseHclExpression(source: string): Expr {
  const parser = new Parser(source, 0);
  return parser.parseStandaloneExpression();
}

/** Parses a whole text as a template (templatefile()): `${}` and `%{}` but no quote or escapes. */
export function parseHclTemplate(source: string): TemplateExpr {
  const parser = new Parser(source, 0);
  return parser.parseWholeTemplate();
}

type FlatPart =
  | { kind: "text"; text: string }
  | { kind: "interp"; expr: Expr; stripLeft: boolean; stripRight: boolean }
  | {
      kind: "directive";
      name: "if" | "else" | "endif" | "for" | "endfor";
      cond?: Expr;
      keyVar?: string;
      valueVar?: string;
      collection?: Expr;
      stripLeft: boolean;
      stripRight: boolean;
      line: number;
      column: number;
    };

class Parser {
  private pos = 0;
  /** >0 inside brackets, parentheses and interpolations, where newlines are plain whitespace. */
  private newlineInsensitive = 0;
  private depth = 0;
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly src: string,
    private readonly lineOffset: number,
  ) {
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  // ---- positions ----

  private lineCol(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1 + this.lineOffset, column: offset - (this.lineStarts[lo] as number) + 1 };
  }

  private span(start: number, end = this.pos): Span {
    const a = this.lineCol(start);
    const b = this.lineCol(Math.max(start, end - 1));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column + 1 };
  }

  private error(message: string, offset = this.pos): never {
    const { line, column } = this.lineCol(offset);
    throw new HclSyntaxError(message, line, column);
  }

  private describeHere(): string {
    if (this.pos >= this.src.length) return "end of file";
    const ch = this.src[this.pos] as string;
    if (ch === "\n") return "end of line";
    const word = /^[A-Za-z_][\w-]*/.exec(this.src.slice(this.pos, this.pos + 40));
    return JSON.stringify(word ? word[0] : ch);
  }

  // ---- whitespace and comments ----

  /** Skips blanks and comments; newlines too when `newlines` or inside brackets. */
  private skip(newlines = this.newlineInsensitive > 0): void {
    const src = this.src;
    while (this.pos < src.length) {
      const c = src.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 13 || c === 0xfeff) this.pos++;
      else if (c === 10) {
        if (!newlines) return;
        this.pos++;
      } else if (c === 35 || (c === 47 && src.charCodeAt(this.pos + 1) === 47)) {
        const end = src.indexOf("\n", this.pos);
        this.pos = end < 0 ? src.length : end;
      } else if (c === 47 && src.charCodeAt(this.pos + 1) === 42) {
        const end = src.indexOf("*/", this.pos + 2);
        if (end < 0) this.error("unterminated /* comment");
        this.pos = end + 2;
      } else return;
    }
  }

  private peek(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  private eat(text: string): boolean {
    this.skip();
    if (!this.peek(text)) return false;
    this.pos += text.length;
    return true;
  }

  private expect(text: string, what = JSON.stringify(text)): void {
    if (!this.eat(text)) this.error(`expected ${what} but found ${this.describeHere()}`);
  }

  private identifierAt(offset: number): string | undefined {
    const c = this.src.charCodeAt(offset);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return undefined;
    let end = offset + 1;
    while (end < this.src.length) {
      const d = this.src.charCodeAt(end);
      if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d === 95 || d === 45)
        end++;
      else break;
    }
    return this.src.slice(offset, end);
  }

  private readIdentifier(what = "a name"): string {
    this.skip();
    const id = this.identifierAt(this.pos);
    if (id === undefined) this.error(`expected ${what} but found ${this.describeHere()}`);
    this.pos += id.length;
    return id;
  }

  // ---- bodies ----

  parseBody(inBraces: boolean): Body {
    const body: Body = { attributes: [], blocks: [] };
    const saved = this.newlineInsensitive;
    this.newlineInsensitive = 0;
    for (;;) {
      this.skip(true);
      if (this.pos >= this.src.length) {
        if (inBraces) this.error('expected "}" to close the block but found end of file');
        break;
      }
      if (this.peek("}")) {
        if (!inBraces) this.error('unexpected "}"');
        break;
      }
      const start = this.pos;
      const name = this.readIdentifier("an attribute or block name");
      this.skip(false);
      if (this.peek("=") && !this.peek("==")) {
        this.pos++;
        const expr = this.parseExpression();
        const head = this.span(start);
        const attr: Attribute = { name, expr, ...head, endLine: expr.endLine, endColumn: expr.endColumn };
        body.attributes.push(attr);
        this.endOfItem(inBraces);
      } else {
        body.blocks.push(this.parseBlock(name, start));
        this.endOfItem(inBraces);
      }
    }
    this.newlineInsensitive = saved;
    return body;
  }

  /** An attribute or block ends at a newline, end of file or the closing brace of a one-line block. */
  private endOfItem(inBraces: boolean): void {
    this.skip(false);
    if (this.pos >= this.src.length) return;
    if (this.src[this.pos] === "\n") {
      this.pos++;
      return;
    }
    if (inBraces && this.peek("}")) return;
    this.error(`expected a newline after the attribute or block but found ${this.describeHere()}`);
  }

  private parseBlock(type: string, start: number): Block {
    const labels: string[] = [];
    for (;;) {
      this.skip(false);
      if (this.peek("{")) break;
      if (this.peek('"')) {
        const label = this.parseTemplate();
        const only = label.parts[0];
        if (label.parts.length > 1 || (only && only.kind !== "text"))
          this.error("a block label cannot hold interpolation", this.pos - 1);
        labels.push(only?.kind === "text" ? only.text : "");
        continue;
      }
      const id = this.identifierAt(this.pos);
      if (id === undefined) this.error(`expected "=" or a block body "{" but found ${this.describeHere()}`);
      labels.push(id);
      this.pos += id.length;
    }
    this.pos++;
    const body = this.parseBody(true);
    this.expect("}");
    return { type, labels, body, ...this.span(start) };
  }

  // ---- expressions ----

  parseStandaloneExpression(): Expr {
    this.newlineInsensitive++;
    const expr = this.parseExpression();
    this.skip(true);
    if (this.pos < this.src.length) this.error(`unexpected ${this.describeHere()} after the expression`);
    return expr;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.error(`expression nested more than ${MAX_DEPTH} levels deep`);
  }

  parseExpression(): Expr {
    this.enter();
    try {
      const start = this.skipAndMark();
      const cond = this.parseBinary(0);
      this.skip();
      if (this.peek("?")) {
        this.pos++;
        this.newlineInsensitive++;
        const then = this.parseExpression();
        this.expect(":", '":" of the conditional');
        this.newlineInsensitive--;
        const otherwise = this.parseExpression();
        return { kind: "conditional", cond, then, else: otherwise, ...this.span(start) };
      }
      return cond;
    } finally {
      this.depth--;
    }
  }

  private skipAndMark(): number {
    this.skip();
    return this.pos;
  }

  private parseBinary(level: number): Expr {
    const ops = BINARY_LEVELS[level];
    if (!ops) return this.parseUnary();
    const start = this.skipAndMark();
    let left = this.parseBinary(level + 1);
    for (;;) {
      this.skip();
      const op = this.binaryOperatorHere();
      if (op === undefined || !ops.includes(op)) return left;
      this.pos += op.length;
      this.enter();
      const right = this.parseBinary(level + 1);
      this.depth--;
      left = { kind: "binary", op, left, right, ...this.span(start) };
    }
  }

  private binaryOperatorHere(): BinaryOp | undefined {
    const two = this.src.slice(this.pos, this.pos + 2);
    if (two === "||" || two === "&&" || two === "==" || two === "!=" || two === "<=" || two === ">=")
      return two;
    if (two === "<<") return undefined;
    const one = this.src[this.pos];
    if (one === "<" || one === ">" || one === "+" || one === "-" || one === "*" || one === "/" || one === "%")
      return one;
    return undefined;
  }

  private parseUnary(): Expr {
    const start = this.skipAndMark();
    const c = this.src[this.pos];
    if (c === "!" || (c === "-" && !this.peek("->"))) {
      this.pos++;
      this.enter();
      const operand = this.parseUnary();
      this.depth--;
      if (c === "-" && operand.kind === "literal" && typeof operand.value === "number")
        return { kind: "literal", value: -operand.value, ...this.span(start) };
      return { kind: "unary", op: c, operand, ...this.span(start) };
    }
    return this.parsePostfix();
  }

  private parsePostfix(): Expr {
    const start = this.skipAndMark();
    let expr = this.parsePrimary();
    for (;;) {
      const next = this.traversalStep(expr, start, true);
      if (!next) return expr;
      expr = next;
    }
  }

  /** One `.name`, `.N`, `[key]`, `[*]` or `.*` applied to `expr`, or undefined when none follows. */
  private traversalStep(expr: Expr, start: number, allowSplat: boolean): Expr | undefined {
    const before = this.pos;
    this.skip();
    if (this.peek(".") && !this.peek("...")) {
      this.pos++;
      this.skip();
      if (this.peek("*")) {
        if (!allowSplat) return this.rewind(before);
        this.pos++;
        return this.parseSplat(expr, start, false);
      }
      const digits = /^\d+/.exec(this.src.slice(this.pos, this.pos + 20));
      if (digits) {
        this.pos += digits[0].length;
        const key: Expr = {
          kind: "literal",
          value: Number(digits[0]),
          ...this.span(this.pos - digits[0].length),
        };
        return { kind: "index", object: expr, key, ...this.span(start) };
      }
      const name = this.readIdentifier('an attribute name after "."');
      return { kind: "getattr", object: expr, name, ...this.span(start) };
    }
    if (this.peek("[")) {
      this.pos++;
      this.newlineInsensitive++;
      this.skip();
      if (this.peek("*")) {
        const save = this.pos;
        this.pos++;
        this.skip();
        if (this.peek("]")) {
          this.pos++;
          this.newlineInsensitive--;
          if (!allowSplat) return this.rewind(before);
          return this.parseSplat(expr, start, true);
        }
        this.pos = save;
      }
      const key = this.parseExpression();
      this.expect("]");
      this.newlineInsensitive--;
      return { kind: "index", object: expr, key, ...this.span(start) };
    }
    this.pos = before;
    return undefined;
  }

  private rewind(to: number): undefined {
    this.pos = to;
    return undefined;
  }

  private parseSplat(source: Expr, start: number, full: boolean): Expr {
    let each: Expr = { kind: "splat-item", ...this.span(this.pos - 1) };
    for (;;) {
      const before = this.pos;
      const next = this.traversalStep(each, start, false);
      if (!next) break;
      if (!full && next.kind !== "getattr") {
        this.pos = before;
        break;
      }
      each = next;
    }
    return { kind: "splat", source, each, ...this.span(start) };
  }

  private parsePrimary(): Expr {
    this.skip();
    const start = this.pos;
    const c = this.src[this.pos];
    if (c === undefined) this.error("expected an expression but found end of file");
    if (c === '"') return this.parseTemplate();
    if (c === "<" && this.peek("<<")) return this.parseHeredoc();
    if (c >= "0" && c <= "9") {
      const m = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.src.slice(this.pos, this.pos + 64));
      if (!m) this.error("invalid number");
      this.pos += m[0].length;
      return { kind: "literal", value: Number(m[0]), ...this.span(start) };
    }
    if (c === "(") {
      this.pos++;
      this.newlineInsensitive++;
      const expr = this.parseExpression();
      this.expect(")");
      this.newlineInsensitive--;
      return { kind: "paren", expr, ...this.span(start) };
    }
    if (c === "[") return this.parseTupleOrFor(start);
    if (c === "{") return this.parseObjectOrFor(start);
    const id = this.identifierAt(this.pos);
    if (id === undefined) this.error(`expected an expression but found ${this.describeHere()}`);
    this.pos += id.length;
    if (id === "true" || id === "false")
      return { kind: "literal", value: id === "true", ...this.span(start) };
    if (id === "null") return { kind: "literal", value: null, ...this.span(start) };
    // Provider-defined functions: provider::NAME::FUNCTION(...).
    let name = id;
    while (this.peek("::")) {
      this.pos += 2;
      const part = this.identifierAt(this.pos);
      if (part === undefined) this.error(`expected a name after "::" but found ${this.describeHere()}`);
      this.pos += part.length;
      name += `::${part}`;
    }
    if (name !== id) {
      this.skip(false);
      if (!this.peek("(")) this.error(`expected "(" after the function name ${name}`);
      return this.parseCall(name, start);
    }
    const afterName = this.pos;
    this.skip(false);
    if (this.peek("(")) return this.parseCall(id, start);
    this.pos = afterName;
    return { kind: "variable", name: id, ...this.span(start) };
  }

  private parseCall(name: string, start: number): Expr {
    this.pos++;
    this.newlineInsensitive++;
    const args: Expr[] = [];
    let expandFinal = false;
    this.skip();
    while (!this.peek(")")) {
      args.push(this.parseExpression());
      this.skip();
      if (this.peek("...")) {
        this.pos += 3;
        expandFinal = true;
        this.skip();
        break;
      }
      if (!this.eat(",")) break;
      this.skip();
    }
    this.expect(")", '")" or "," in the function call');
    this.newlineInsensitive--;
    // provider::name::fn(...) calls are written with "::"; only the last part names the function.
    return { kind: "call", name, args, expandFinal, ...this.span(start) };
  }

  private isForKeyword(): boolean {
    this.skip();
    return (
      this.identifierAt(this.pos) === "for" && /^for\s+[A-Za-z_]/.test(this.src.slice(this.pos, this.pos + 8))
    );
  }

  private parseForHeader(): { keyVar?: string; valueVar: string; collection: Expr } {
    this.pos += 3;
    const first = this.readIdentifier("an iterator name");
    let keyVar: string | undefined;
    let valueVar = first;
    if (this.eat(",")) {
      keyVar = first;
      valueVar = this.readIdentifier("an iterator name");
    }
    if (this.readIdentifier('"in"') !== "in") this.error('expected "in" in the for expression');
    const collection = this.parseExpression();
    return keyVar === undefined ? { valueVar, collection } : { keyVar, valueVar, collection };
  }

  private parseTupleOrFor(start: number): Expr {
    this.pos++;
    this.newlineInsensitive++;
    if (this.isForKeyword()) {
      const header = this.parseForHeader();
      this.expect(":", '":" after the for expression\'s collection');
      const valueExpr = this.parseExpression();
      const cond = this.parseForCondition();
      this.expect("]");
      this.newlineInsensitive--;
      const expr: ForExpr = { kind: "for", ...header, valueExpr, grouping: false, ...this.span(start) };
      if (cond) expr.cond = cond;
      return expr;
    }
    const items: Expr[] = [];
    this.skip();
    while (!this.peek("]")) {
      items.push(this.parseExpression());
      if (!this.eat(",")) break;
      this.skip();
    }
    this.expect("]", '"]" or "," in the list');
    this.newlineInsensitive--;
    return { kind: "tuple", items, ...this.span(start) };
  }

  private parseForCondition(): Expr | undefined {
    this.skip();
    if (this.identifierAt(this.pos) === "if") {
      this.pos += 2;
      return this.parseExpression();
    }
    return undefined;
  }

  private parseObjectOrFor(start: number): Expr {
    this.pos++;
    this.newlineInsensitive++;
    if (this.isForKeyword()) {
      const header = this.parseForHeader();
      this.expect(":", '":" after the for expression\'s collection');
      const keyExpr = this.parseExpression();
      this.expect("=>", '"=>" in the object for expression');
      const valueExpr = this.parseExpression();
      const grouping = this.eat("...");
      const cond = this.parseForCondition();
      this.expect("}");
      this.newlineInsensitive--;
      const expr: ForExpr = { kind: "for", ...header, keyExpr, valueExpr, grouping, ...this.span(start) };
      if (cond) expr.cond = cond;
      return expr;
    }
    const items: { key: Expr; value: Expr }[] = [];
    this.skip();
    while (!this.peek("}")) {
      const key = this.parseExpression();
      this.skip();
      if (this.peek("=") && !this.peek("==")) this.pos++;
      else if (this.peek(":")) this.pos++;
      else this.error(`expected "=" or ":" after the object key but found ${this.describeHere()}`);
      const value = this.parseExpression();
      items.push({ key, value });
      this.skip();
      if (this.peek(",")) this.pos++;
      this.skip();
    }
    this.expect("}");
    this.newlineInsensitive--;
    return { kind: "object", items, ...this.span(start) };
  }

  // ---- templates ----

  private parseTemplate(): TemplateExpr {
    const start = this.pos;
    this.pos++; // opening quote
    const flat = this.parseTemplateParts("quoted");
    return {
      kind: "template",
      parts: nestTemplate(flat, (m, l, c) => this.errorAt(m, l, c)),
      ...this.span(start),
    };
  }

  parseWholeTemplate(): TemplateExpr {
    const flat = this.parseTemplateParts("heredoc");
    return {
      kind: "template",
      parts: nestTemplate(flat, (m, l, c) => this.errorAt(m, l, c)),
      ...this.span(0, this.src.length),
    };
  }

  private errorAt(message: string, line: number, column: number): never {
    throw new HclSyntaxError(message, line, column);
  }

  private parseHeredoc(): TemplateExpr {
    const start = this.pos;
    const m = /^<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!m) this.error("expected a heredoc marker like <<EOF followed by a newline");
    const indent = m[1] === "-";
    const marker = m[2] as string;
    const contentStart = this.pos + m[0].length;
    let lineStart = contentStart;
    let contentEnd = -1;
    let after = -1;
    while (lineStart <= this.src.length) {
      const nl = this.src.indexOf("\n", lineStart);
      const lineEnd = nl < 0 ? this.src.length : nl;
      if (this.src.slice(lineStart, lineEnd).trim() === marker) {
        contentEnd = lineStart;
        after = lineEnd;
        break;
      }
      if (nl < 0) break;
      lineStart = nl + 1;
    }
    if (contentEnd < 0) this.error(`heredoc <<${marker} is not closed by a line holding only ${marker}`);
    let content = this.src.slice(contentStart, contentEnd);
    if (indent) content = dedent(content);
    const firstLine = this.lineCol(contentStart).line;
    const sub = new Parser(content, firstLine - 1);
    const flat = sub.parseTemplateParts("heredoc");
    this.pos = after;
    return {
      kind: "template",
      parts: nestTemplate(flat, (msg, l, c) => this.errorAt(msg, l, c)),
      ...this.span(start),
    };
  }

  /** Reads template text up to the closing quote (quoted) or the end of input (heredoc). */
  parseTemplateParts(mode: "quoted" | "heredoc"): FlatPart[] {
    const parts: FlatPart[] = [];
    let text = "";
    const flush = () => {
      if (text !== "") parts.push({ kind: "text", text });
      text = "";
    };
    const src = this.src;
    for (;;) {
      if (this.pos >= src.length) {
        if (mode === "quoted") this.error("unterminated string");
        break;
      }
      const c = src[this.pos] as string;
      if (mode === "quoted" && c === '"') {
        this.pos++;
        break;
      }
      if (mode === "quoted" && c === "\n") this.error("a quoted string cannot span lines (use a heredoc)");
      if (mode === "quoted" && c === "\\") {
        text += this.readEscape();
        continue;
      }
      if ((c === "$" || c === "%") && src[this.pos + 1] === c && src[this.pos + 2] === "{") {
        text += `${c}{`;
        this.pos += 3;
        continue;
      }
      if (c === "$" && src[this.pos + 1] === "{") {
        flush();
        this.pos += 2;
        const stripLeft = this.eatStrip();
        this.newlineInsensitive++;
        const expr = this.parseExpression();
        this.skip();
        const stripRight = this.eatStrip();
        this.expect("}", '"}" closing the interpolation');
        this.newlineInsensitive--;
        parts.push({ kind: "interp", expr, stripLeft, stripRight });
        continue;
      }
      if (c === "%" && src[this.pos + 1] === "{") {
        flush();
        parts.push(this.parseDirective());
        continue;
      }
      text += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  private eatStrip(): boolean {
    if (this.src[this.pos] === "~") {
      this.pos++;
      return true;
    }
    return false;
  }

  private parseDirective(): FlatPart {
    const at = this.lineCol(this.pos);
    this.pos += 2;
    const stripLeft = this.eatStrip();
    this.newlineInsensitive++;
    const word = this.readIdentifier("if, else, endif, for or endfor");
    let part: FlatPart;
    const base = {
      kind: "directive" as const,
      stripLeft,
      stripRight: false,
      line: at.line,
      column: at.column,
    };
    if (word === "if") part = { ...base, name: "if", cond: this.parseExpression() };
    else if (word === "for") {
      this.pos -= 3;
      const header = this.parseForHeader();
      part = { ...base, name: "for", ...header };
    } else if (word === "else" || word === "endif" || word === "endfor") part = { ...base, name: word };
    else this.error(`unknown template directive %{${word}}`);
    this.skip();
    part.stripRight = this.eatStrip();
    this.expect("}", '"}" closing the directive');
    this.newlineInsensitive--;
    return part;
  }

  private readEscape(): string {
    const next = this.src[this.pos + 1];
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
    if (next !== undefined && simple[next] !== undefined) {
      this.pos += 2;
      return simple[next] as string;
    }
    if (next === "u" || next === "U") {
      const len = next === "u" ? 4 : 8;
      const hex = this.src.slice(this.pos + 2, this.pos + 2 + len);
      if (!new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) this.error("invalid unicode escape");
      this.pos += 2 + len;
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) this.error("invalid unicode escape");
      return String.fromCodePoint(code);
    }
    this.error(`invalid escape sequence \\${next ?? ""}`);
  }
}

function dedent(content: string): string {
  const lines = content.split("\n");
  let min = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const lead = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    min = Math.min(min, lead);
  }
  if (!Number.isFinite(min) || min === 0) return content;
  return lines.map((line) => line.slice(Math.min(min, /^[ \t]*/.exec(line)?.[0].length ?? 0))).join("\n");
}

/** Applies `~` strip markers and nests `%{if}`/`%{for}` directives. */
function nestTemplate(
  flat: FlatPart[],
  fail: (message: string, line: number, column: number) => never,
): TemplatePart[] {
  const items = flat.map((p) => ({ ...p }));
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as FlatPart;
    if (item.kind === "text") continue;
    const prev = items[i - 1];
    const next = items[i + 1];
    if (item.stripLeft && prev?.kind === "text") prev.text = prev.text.replace(/\s+$/, "");
    if (item.stripRight && next?.kind === "text") next.text = next.text.replace(/^\s+/, "");
  }
  let index = 0;
  const parseSeq = (stop: string[]): { parts: TemplatePart[]; end?: FlatPart } => {
    const parts: TemplatePart[] = [];
    while (index < items.length) {
      const item = items[index++] as FlatPart;
      if (item.kind === "text") parts.push({ kind: "text", text: item.text });
      else if (item.kind === "interp") parts.push({ kind: "interp", expr: item.expr });
      else if (stop.includes(item.name)) return { parts, end: item };
      else if (item.name === "if") {
        const then = parseSeq(["else", "endif"]);
        let otherwise: TemplatePart[] = [];
        if (then.end?.kind === "directive" && then.end.name === "else") {
          const rest = parseSeq(["endif"]);
          if (!rest.end) fail("%{if} without %{endif}", item.line, item.column);
          otherwise = rest.parts;
        } else if (!then.end) fail("%{if} without %{endif}", item.line, item.column);
        parts.push({ kind: "if", cond: item.cond as Expr, whenTrue: then.parts, whenFalse: otherwise });
      } else if (item.name === "for") {
        const body = parseSeq(["endfor"]);
        if (!body.end) fail("%{for} without %{endfor}", item.line, item.column);
        const part: TemplatePart = {
          kind: "for",
          valueVar: item.valueVar as string,
          collection: item.collection as Expr,
          body: body.parts,
        };
        if (item.keyVar !== undefined) part.keyVar = item.keyVar;
        parts.push(part);
      } else fail(`unexpected %{${item.name}}`, item.line, item.column);
    }
    return { parts };
  };
  return parseSeq([]).parts;
}

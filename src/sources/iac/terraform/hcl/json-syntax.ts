/**
 * Terraform's JSON syntax (`.tf.json`), read into the same syntax tree as
 * native HCL so one evaluator serves both. JSON strings are templates
 * (`"${var.x}"`), nested objects and arrays are values: Terraform decides
 * block-versus-attribute from provider schemas we do not have, and the
 * mappers accept a block given as one object or as a list of objects.
 * A small JSON parser keeps the line and column of every value.
 */
import type { Attribute, Block, Body, Expr, Span } from "./ast.js";
import { HclSyntaxError } from "./ast.js";
import { parseHclTemplate } from "./parser.js";

interface JsonNode extends Span {
  kind: "object" | "array" | "string" | "number" | "boolean" | "null";
  value?: string | number | boolean | null;
  entries?: { key: string; keySpan: Span; value: JsonNode }[];
  items?: JsonNode[];
}

const MAX_DEPTH = 256;

class JsonParser {
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly src: string) {}

  parse(): JsonNode {
    const node = this.value(0);
    this.space();
    if (this.pos < this.src.length) this.fail("unexpected text after the JSON value");
    return node;
  }

  private fail(message: string): never {
    throw new HclSyntaxError(message, this.line, this.pos - this.lineStart + 1);
  }

  private here(): { line: number; column: number } {
    return { line: this.line, column: this.pos - this.lineStart + 1 };
  }

  private span(start: { line: number; column: number }): Span {
    const end = this.here();
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  private space(): void {
    while (this.pos < this.src.length) {
      const c = this.src.charCodeAt(this.pos);
      if (c === 10) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === 32 || c === 9 || c === 13 || c === 0xfeff) this.pos++;
      else return;
    }
  }

  private value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail(`JSON nested more than ${MAX_DEPTH} levels deep`);
    this.space();
    const start = this.here();
    const c = this.src[this.pos];
    if (c === "{") {
      this.pos++;
      const entries: NonNullable<JsonNode["entries"]> = [];
      this.space();
      if (this.src[this.pos] === "}") this.pos++;
      else
        for (;;) {
          this.space();
          const keyStart = this.here();
          if (this.src[this.pos] !== '"') this.fail("expected a quoted property name");
          const key = this.string();
          const keySpan = this.span(keyStart);
          this.space();
          if (this.src[this.pos] !== ":") this.fail('expected ":" after the property name');
          this.pos++;
          entries.push({ key, keySpan, value: this.value(depth + 1) });
          this.space();
          if (this.src[this.pos] === ",") {
            this.pos++;
            continue;
          }
          if (this.src[this.pos] === "}") {
            this.pos++;
            break;
          }
          this.fail('expected "," or "}" in the object');
        }
      return { kind: "object", entries, ...this.span(start) };
    }
    if (c === "[") {
      this.pos++;
      const items: JsonNode[] = [];
      this.space();
      if (this.src[this.pos] === "]") this.pos++;
      else
        for (;;) {
          items.push(this.value(depth + 1));
          this.space();
          if (this.src[this.pos] === ",") {
            this.pos++;
            continue;
          }
          if (this.src[this.pos] === "]") {
            this.pos++;
            break;
          }
          this.fail('expected "," or "]" in the array');
        }
      return { kind: "array", items, ...this.span(start) };
    }
    if (c === '"') {
      const value = this.string();
      return { kind: "string", value, ...this.span(start) };
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.src.slice(this.pos, this.pos + 64));
    if (!m) this.fail(c === undefined ? "unexpected end of file" : `unexpected ${JSON.stringify(c)}`);
    this.pos += m[0].length;
    const text = m[0];
    if (text === "null") return { kind: "null", value: null, ...this.span(start) };
    if (text === "true" || text === "false")
      return { kind: "boolean", value: text === "true", ...this.span(start) };
    return { kind: "number", value: Number(text), ...this.span(start) };
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    let out = "";
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || c === "\n") this.fail("unterminated string");
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === "\\") {
        const end = this.pos + (this.src[this.pos + 1] === "u" ? 6 : 2);
        try {
          out += JSON.parse(`"${this.src.slice(this.pos, end)}"`) as string;
        } catch {
          this.fail("invalid escape in string");
        }
        this.pos = end;
        continue;
      }
      out += c;
      this.pos++;
      if (this.pos - start > 10 * 1024 * 1024) this.fail("string too long");
    }
  }
}

function expression(node: JsonNode): Expr {
  const span: Span = {
    line: node.line,
    column: node.column,
    endLine: node.endLine,
    endColumn: node.endColumn,
  };
  switch (node.kind) {
    case "string": {
      let template: Expr;
      try {
        template = parseHclTemplate(node.value as string);
      } catch (error) {
        if (error instanceof HclSyntaxError) throw new HclSyntaxError(error.message, node.line, node.column);
        throw error;
      }
      return { ...template, ...span };
    }
    case "number":
    case "boolean":
    case "null":
      return { kind: "literal", value: node.value ?? null, ...span };
    case "array":
      return { kind: "tuple", items: (node.items ?? []).map(expression), ...span };
    case "object":
      return {
        kind: "object",
        items: (node.entries ?? [])
          .filter((e) => e.key !== "//")
          .map((e) => ({ key: { kind: "literal", value: e.key, ...e.keySpan }, value: expression(e.value) })),
        ...span,
      };
  }
}

/** Blocks whose JSON form nests one object level per label. */
const LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  variable: 1,
  output: 1,
  module: 1,
  provider: 1,
};

function objects(node: JsonNode): JsonNode[] {
  if (node.kind === "object") return [node];
  if (node.kind === "array") return (node.items ?? []).filter((i) => i.kind === "object");
  throw new HclSyntaxError("expected a JSON object for the block", node.line, node.column);
}

function body(node: JsonNode): Body {
  const out: Body = { attributes: [], blocks: [] };
  for (const obj of objects(node))
    for (const { key, keySpan, value } of obj.entries ?? []) {
      if (key === "//") continue;
      if (key === "dynamic" && value.kind === "object") {
        for (const d of value.entries ?? [])
          for (const content of objects(d.value)) {
            const inner = body(content);
            const contentEntry = content.entries?.find((e) => e.key === "content");
            const dynamicBody: Body = {
              attributes: inner.attributes.filter((a) => a.name !== "content"),
              blocks: contentEntry
                ? [
                    {
                      type: "content",
                      labels: [],
                      body: body(contentEntry.value),
                      ...span(contentEntry.value),
                    },
                  ]
                : [],
            };
            out.blocks.push({ type: "dynamic", labels: [d.key], body: dynamicBody, ...span(d.value) });
          }
        continue;
      }
      if (key === "lifecycle" || key === "provisioner" || key === "connection") continue;
      const attr: Attribute = {
        name: key,
        expr: expression(value),
        ...keySpan,
        endLine: value.endLine,
        endColumn: value.endColumn,
      };
      out.attributes.push(attr);
    }
  return out;
}

function span(node: JsonNode): Span {
  return { line: node.line, column: node.column, endLine: node.endLine, endColumn: node.endColumn };
}

function labelled(type: string, node: JsonNode, depth: number, labels: string[], out: Block[]): void {
  if (depth === 0) {
    for (const obj of objects(node))
      out.push({ type, labels, body: type === "locals" ? body(obj) : body(obj), ...span(obj) });
    return;
  }
  for (const obj of objects(node))
    for (const entry of obj.entries ?? []) {
      if (entry.key === "//") continue;
      labelled(type, entry.value, depth - 1, [...labels, entry.key], out);
    }
}

/** Parses a `.tf.json` file into the native syntax tree. Throws HclSyntaxError with line and column. */
export function parseTerraformJson(source: string): Body {
  const root = new JsonParser(source).parse();
  if (root.kind !== "object")
    throw new HclSyntaxError("a .tf.json file must hold a JSON object", root.line, root.column);
  const out: Body = { attributes: [], blocks: [] };
  for (const { key, value } of root.entries ?? []) {
    if (key === "//") continue;
    labelled(key, value, LABELS[key] ?? 0, [], out.blocks);
  }
  return out;
}

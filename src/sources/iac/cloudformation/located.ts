import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
  type Range as YamlRange,
} from "yaml";
import type { LineRange } from "../../../model/index.js";

/**
 * A parsed JSON or YAML document as plain values, plus the line range of every
 * value keyed by its path. CloudFormation and ARM templates are read into this
 * shape so that evaluation works on plain values while findings still point at
 * the line of the property they are about.
 */
export interface LocatedDocument {
  value: unknown;
  /** Line range of each value, keyed by `pathKey(path)`; a map entry's range runs from its key to its value's end. */
  ranges: Map<string, LineRange>;
  /** Comments with the line they sit on (YAML `#`, JSON `//` and block comments). */
  comments: { line: number; text: string }[];
  /** Empty lines, filled only when there are comments (suppressions look for comment blocks). */
  blankLines: Set<number>;
}

function blankLinesOf(text: string, comments: unknown[]): Set<number> {
  const out = new Set<number>();
  if (comments.length === 0) return out;
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") out.add(i + 1);
  });
  return out;
}

/** A syntax error with its position, 1-based. */
export class DocumentSyntaxError extends Error {
  override name = "DocumentSyntaxError";
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

export type Segment = string | number;

export function pathKey(path: readonly Segment[]): string {
  return path.join("\u001f");
}

/** Range of `path`, or of its longest prefix that has one. */
export function rangeOf(doc: LocatedDocument, path: readonly Segment[]): LineRange | undefined {
  for (let length = path.length; length >= 0; length--) {
    const range = doc.ranges.get(pathKey(path.slice(0, length)));
    if (range) return range;
  }
  return undefined;
}

/** Deep nesting is refused: a template is never hundreds of levels deep, a hostile file might be. */
export const MAX_DEPTH = 128;

/** Offsets → 1-based line and column, by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }
  line(offset: number): number {
    return this.position(offset).line;
  }
}

// ---------------------------------------------------------------- JSON

/** JSON (comments and trailing commas tolerated, as ARM allows them) with positions. */
export function parseJsonLocated(text: string): LocatedDocument {
  const lines = new LineIndex(text);
  // jsonc-parser recurses per level: refuse hostile nesting before it overflows the stack.
  const tooDeep = nestingBeyond(text, MAX_DEPTH);
  if (tooDeep !== undefined) {
    const { line, column } = lines.position(tooDeep);
    throw new DocumentSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, line, column);
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) {
    const { line, column } = lines.position(first.offset);
    throw new DocumentSyntaxError(`JSON syntax error: ${describeJsonError(first)}`, line, column);
  }
  if (!root) throw new DocumentSyntaxError("empty JSON document", 1, 1);
  const ranges = new Map<string, LineRange>();
  const span = (start: number, end: number): LineRange => ({
    startLine: lines.line(start),
    endLine: lines.line(Math.max(start, end - 1)),
  });
  const build = (node: JsonNode, path: Segment[], depth: number): unknown => {
    if (depth > MAX_DEPTH) {
      const { line, column } = lines.position(node.offset);
      throw new DocumentSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, line, column);
    }
    if (!ranges.has(pathKey(path))) ranges.set(pathKey(path), span(node.offset, node.offset + node.length));
    switch (node.type) {
      case "object": {
        const out: Record<string, unknown> = {};
        for (const property of node.children ?? []) {
          const [key, value] = property.children ?? [];
          if (!key || !value) continue;
          const name = String(key.value);
          const childPath = [...path, name];
          ranges.set(pathKey(childPath), span(property.offset, property.offset + property.length));
          out[name] = build(value, childPath, depth + 1);
        }
        return out;
      }
      case "array":
        return (node.children ?? []).map((child, i) => build(child, [...path, i], depth + 1));
      default:
        return node.value;
    }
  };
  const comments = jsonComments(text, lines);
  return { value: build(root, [], 0), ranges, comments, blankLines: blankLinesOf(text, comments) };
}

/** Offset where `[`/`{` nesting first exceeds `limit`, outside strings; undefined when it never does. */
function nestingBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

function describeJsonError(error: ParseError): string {
  const messages: Record<string, string> = {
    InvalidSymbol: "unexpected character",
    ValueExpected: "a value is expected",
    ColonExpected: "':' is expected",
    CommaExpected: "',' is expected",
    CloseBraceExpected: "'}' is expected",
    CloseBracketExpected: "']' is expected",
    PropertyNameExpected: "a property name is expected",
    EndOfFileExpected: "end of file expected after the value",
    UnexpectedEndOfString: "unterminated string",
    UnexpectedEndOfComment: "unterminated comment",
  };
  const code = printParseErrorCode(error.error);
  return messages[code] ?? code;
}

/** `//` and `/* *\/` comments outside strings, for inline suppressions. */
function jsonComments(text: string, lines: LineIndex): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  if (!text.includes("/")) return out;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      out.push({ line: lines.line(i), text: text.slice(i + 2, stop).trim() });
      i = stop;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end;
      out.push({ line: lines.line(i), text: text.slice(i + 2, stop).trim() });
      i = stop + 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------- YAML

/** CloudFormation's short-form tags and the long form each stands for. */
const SHORT_FORMS: Record<string, string> = {
  "!Ref": "Ref",
  "!Condition": "Condition",
  "!Sub": "Fn::Sub",
  "!GetAtt": "Fn::GetAtt",
  "!If": "Fn::If",
  "!Join": "Fn::Join",
  "!Select": "Fn::Select",
  "!Split": "Fn::Split",
  "!FindInMap": "Fn::FindInMap",
  "!Equals": "Fn::Equals",
  "!Not": "Fn::Not",
  "!And": "Fn::And",
  "!Or": "Fn::Or",
  "!Base64": "Fn::Base64",
  "!ImportValue": "Fn::ImportValue",
  "!Cidr": "Fn::Cidr",
  "!GetAZs": "Fn::GetAZs",
  "!Transform": "Fn::Transform",
  "!Length": "Fn::Length",
  "!ToJsonString": "Fn::ToJsonString",
};

/**
 * YAML with CloudFormation's short-form intrinsics turned into their long
 * form (`!Ref X` → `{Ref: X}`, `!GetAtt A.B` → `{"Fn::GetAtt": [A, B]}`).
 * Aliases are refused: templates do not need them and they are the vector
 * of "billion laughs" documents.
 */
export function parseYamlLocated(text: string): LocatedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    keepSourceTokens: false,
    uniqueKeys: true,
    // Unknown tags (the intrinsics) are handled below; they are not errors.
    strict: false,
  });
  const position = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const error = doc.errors[0];
  if (error) {
    const { line, column } = position(error.pos[0]);
    const message = /call stack/i.test(error.message) ? "nesting too deep" : firstLine(error.message);
    throw new DocumentSyntaxError(`YAML syntax error: ${message}`, line, column);
  }
  const ranges = new Map<string, LineRange>();
  const span = (range: YamlRange | null | undefined, startOverride?: number): LineRange | undefined => {
    if (!range) return undefined;
    const start = startOverride ?? range[0];
    return { startLine: position(start).line, endLine: position(Math.max(start, range[1] - 1)).line };
  };
  const build = (node: YamlNode | null | undefined, path: Segment[], depth: number): unknown => {
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) {
      const { line, column } = position(node.range?.[0] ?? 0);
      throw new DocumentSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, line, column);
    }
    if (isAlias(node)) {
      const { line, column } = position(node.range?.[0] ?? 0);
      throw new DocumentSyntaxError("YAML aliases are not accepted in templates", line, column);
    }
    const key = pathKey(path);
    if (!ranges.has(key)) {
      const range = span(node.range);
      if (range) ranges.set(key, range);
    }
    let value: unknown;
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        if (isAlias(keyNode)) {
          const { line, column } = position(keyNode.range?.[0] ?? 0);
          throw new DocumentSyntaxError("YAML aliases are not accepted in templates", line, column);
        }
        const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const childPath = [...path, name];
        const valueNode = pair.value as YamlNode | null;
        const range = span(
          valueNode?.range
            ? [keyNode?.range?.[0] ?? valueNode.range[0], valueNode.range[1], valueNode.range[2]]
            : keyNode?.range,
        );
        if (range) ranges.set(pathKey(childPath), range);
        out[name] = build(valueNode, childPath, depth + 1);
      }
      value = out;
    } else if (isSeq(node)) {
      value = node.items.map((item, i) => build(item as YamlNode, [...path, i], depth + 1));
    } else if (isScalar(node)) {
      value = node.value;
    } else {
      value = null;
    }
    const tag = node.tag;
    if (tag?.startsWith("!") && !tag.startsWith("!!")) {
      const name = SHORT_FORMS[tag];
      if (!name) {
        const { line, column } = position(node.range?.[0] ?? 0);
        throw new DocumentSyntaxError(`unknown tag ${tag}`, line, column);
      }
      if (name === "Fn::GetAtt" && typeof value === "string") {
        const dot = value.indexOf(".");
        value = dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
      }
      if (isScalar(node) && value === null) value = "";
      return { [name]: value };
    }
    return value;
  };
  const value = build(doc.contents as YamlNode | null, [], 0);
  const comments: { line: number; text: string }[] = [];
  if (text.includes("#")) {
    // The `yaml` package keeps comments only attached to nodes; a line scan is
    // simpler and exact for the `# ...` comments suppressions use.
    text.split("\n").forEach((lineText, i) => {
      const match = /(?:^|\s)#(.*)$/.exec(lineText);
      if (match && !/["']/.test(lineText.slice(0, match.index))) {
        comments.push({ line: i + 1, text: (match[1] ?? "").trim() });
      }
    });
  }
  return { value, ranges, comments, blankLines: blankLinesOf(text, comments) };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";

/**
 * "line:column: message" of the first syntax error in `text`. Node's own
 * JSON.parse messages do not always give a position, so the document is
 * re-read with jsonc-parser, in strict JSON mode, only after JSON.parse failed.
 */
export function jsonErrorLocation(text: string, fallback: string): string {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (!first) return `invalid JSON: ${fallback}`;
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - before.lastIndexOf("\n");
  return `${line}:${column}: invalid JSON: ${printParseErrorCode(first.error)}`;
}

import type { InlineSuppression } from "../format.js";

/** `# mamori:ignore <check-id> <reason>`; the reason is everything after the id. */
const COMMENT = /#\s*mamori:ignore\b(.*)$/;
export const IGNORE_ANNOTATION = "mamori.dev/ignore";

export interface ParsedIgnore {
  checkId: string;
  reason: string;
}

/** Parses `<check-id> <reason>`; a string error when the id or the reason is missing. */
export function parseIgnore(text: string): ParsedIgnore | string {
  const match = /^\s*(\S+)(?:\s+(.*\S))?\s*$/.exec(text);
  if (!match?.[1]) return "mamori:ignore needs a check id and a reason";
  if (!match[2]) return `mamori:ignore ${match[1]} needs a reason`;
  return { checkId: match[1], reason: match[2] };
}

export interface IgnoreComment {
  line: number;
  parsed: ParsedIgnore | string;
}

/**
 * The `# mamori:ignore` comments of a text, with their 1-based lines. Only a
 * `#` at the start of a line or after whitespace counts, so a `#` inside a
 * URL or a quoted value is not mistaken for one.
 */
export function ignoreComments(text: string): IgnoreComment[] {
  const out: IgnoreComment[] = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (!line.includes("mamori:ignore")) return;
    const hash = line.search(/(^|\s)#\s*mamori:ignore\b/);
    if (hash < 0) return;
    const match = COMMENT.exec(line.slice(hash));
    if (match) out.push({ line: i + 1, parsed: parseIgnore(match[1] ?? "") });
  });
  return out;
}

export function suppression(
  parsed: ParsedIgnore,
  file: string,
  line: number,
  resourceId?: string,
): InlineSuppression {
  const out: InlineSuppression = { checkId: parsed.checkId, reason: parsed.reason, file, line };
  if (resourceId !== undefined) out.resourceId = resourceId;
  return out;
}

import type { InlineSuppression } from "../format.js";
import { type LocatedDocument, rangeOf } from "./located.js";

export interface SuppressionProblem {
  message: string;
  line: number;
}

const DIRECTIVE = /^mamori:ignore\b(.*)$/;

/**
 * Inline suppressions of a template: `# mamori:ignore <check-id> <reason>`
 * comments (YAML; `//` comments in JSON that tolerates them) on a line of a
 * resource or on the comment lines right before it, and, for JSON, a
 * resource's `Metadata: {"mamori": {"ignore": [{"id", "reason"}]}}` (the
 * `metadataKey` for ARM is `metadata`). A comment outside any resource
 * applies to the whole file. A reason is required.
 */
export function findSuppressions(
  doc: LocatedDocument,
  file: string,
  resourcesPath: string[],
  metadataKey: string,
  canonicalId: (key: string) => string | string[],
): { suppressions: InlineSuppression[]; problems: SuppressionProblem[] } {
  const suppressions: InlineSuppression[] = [];
  const problems: SuppressionProblem[] = [];
  const resources = resourceEntries(doc, resourcesPath);

  const commentLines = new Set(doc.comments.map((c) => c.line));
  for (const comment of doc.comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const [checkId, ...words] = (match[1] ?? "").trim().split(/\s+/).filter(Boolean);
    const reason = words.join(" ");
    if (!checkId || reason === "") {
      problems.push({
        message: "mamori:ignore needs a check id and a reason: # mamori:ignore <check-id> <reason>",
        line: comment.line,
      });
      continue;
    }
    const owner =
      resources.find((r) => r.range.startLine <= comment.line && comment.line <= r.range.endLine) ??
      resources.find((r) => {
        if (r.range.startLine <= comment.line) return false;
        for (let line = comment.line + 1; line < r.range.startLine; line++)
          if (!commentLines.has(line) && !doc.blankLines.has(line)) return false;
        return true;
      });
    if (!owner) suppressions.push({ checkId, reason, file, line: comment.line });
    else
      for (const resourceId of ids(canonicalId(owner.key)))
        suppressions.push({ resourceId, checkId, reason, file, line: comment.line });
  }

  for (const { key, value, range } of resources) {
    const meta = (value as Record<string, unknown> | null)?.[metadataKey] as
      | { mamori?: { ignore?: unknown } }
      | undefined;
    const ignore = meta?.mamori?.ignore;
    if (ignore === undefined) continue;
    const metaPath = [...resourcesPath, key, metadataKey, "mamori", "ignore"];
    if (!Array.isArray(ignore)) {
      problems.push({
        message: `${key}: ${metadataKey}.mamori.ignore must be a list of {id, reason}`,
        line: rangeOf(doc, metaPath)?.startLine ?? range.startLine,
      });
      continue;
    }
    ignore.forEach((entry: { id?: unknown; reason?: unknown }, i) => {
      const line = rangeOf(doc, [...metaPath, i])?.startLine ?? range.startLine;
      if (typeof entry?.id !== "string" || typeof entry.reason !== "string" || entry.reason.trim() === "") {
        problems.push({ message: `${key}: mamori ignore entries need an id and a reason`, line });
        return;
      }
      const { id, reason } = entry as { id: string; reason: string };
      for (const resourceId of ids(canonicalId(key)))
        suppressions.push({ resourceId, checkId: id, reason, file, line });
    });
  }
  return { suppressions, problems };
}

function resourceEntries(doc: LocatedDocument, resourcesPath: string[]) {
  let container: unknown = doc.value;
  for (const segment of resourcesPath) container = (container as Record<string, unknown> | null)?.[segment];
  const out: { key: string; value: unknown; range: { startLine: number; endLine: number } }[] = [];
  if (container && typeof container === "object") {
    for (const [key, value] of Object.entries(container)) {
      const range = doc.ranges.get([...resourcesPath, key].join("\u001f"));
      if (range) out.push({ key, value, range });
    }
  }
  return out;
}

function ids(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

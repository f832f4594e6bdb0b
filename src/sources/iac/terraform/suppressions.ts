/**
 * Inline suppressions: `# mamori:ignore <check-id> <reason>` (or `//`) on
 * the line before a resource block, or anywhere inside it.
 */
import type { ScanError } from "../../../model/index.js";
import type { InlineSuppression } from "../format.js";
import type { Body } from "./hcl/ast.js";

/** `#`, `//`, `/*`, or in `.tf.json` a `"//": "mamori:ignore …"` comment property. */
const MARKER = /(?:#|\/\/|\/\*|"\/\/"\s*:\s*")\s*mamori:ignore\b(.*)$/;
const CHECK_ID = /^(\*|[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+)$/;

export interface ResourceBlockSpan {
  startLine: number;
  endLine: number;
  /** Canonical resource ids the block's instances became or joined. */
  resourceIds: string[];
}

export function findSuppressions(
  text: string,
  file: string,
  body: Body,
  spanOf: (startLine: number, endLine: number) => string[],
): { suppressions: InlineSuppression[]; errors: ScanError[] } {
  const suppressions: InlineSuppression[] = [];
  const errors: ScanError[] = [];
  if (!text.includes("mamori:ignore")) return { suppressions, errors };
  const lines = text.split("\n");
  const blocks = body.blocks.filter((b) => b.type === "resource");
  lines.forEach((line, i) => {
    const match = MARKER.exec(line);
    if (!match) return;
    const lineNo = i + 1;
    const rest = (match[1] ?? "")
      .replace(/\*\/\s*$/, "")
      .replace(/"\s*,?\s*$/, "")
      .trim();
    const [checkId = "", ...reasonWords] = rest.split(/\s+/);
    const reason = reasonWords.join(" ").trim();
    if (!CHECK_ID.test(checkId) || reason === "") {
      errors.push({
        source: file,
        line: lineNo,
        message: "mamori:ignore needs a check id and a reason: # mamori:ignore <check-id> <reason>",
      });
      return;
    }
    let target = blocks.find((b) => b.line <= lineNo && lineNo <= b.endLine);
    if (!target) {
      let next = i + 1;
      while (next < lines.length && /^\s*(#|\/\/|$)/.test(lines[next] as string)) next++;
      target = blocks.find((b) => b.line === next + 1);
    }
    if (!target) {
      errors.push({
        source: file,
        line: lineNo,
        message: "mamori:ignore is not on or before a resource block",
      });
      return;
    }
    const ids = spanOf(target.line, target.endLine);
    for (const resourceId of ids) suppressions.push({ resourceId, checkId, reason, file, line: lineNo });
  });
  return { suppressions, errors };
}

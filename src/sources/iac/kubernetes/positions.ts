import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { LineRange } from "../../../model/index.js";
import { formatPath, type PathSegment } from "../../../model/index.js";

/**
 * Line ranges of every value in a YAML (or JSON) node, keyed by its property
 * path (`spec.template.spec.containers[0].image`). A map entry's range runs
 * from its key to the end of its value, so a finding points at `key: value`.
 */
export function nodeRanges(root: Node | null | undefined, lines: LineCounter): Map<string, LineRange> {
  const out = new Map<string, LineRange>();
  const rangeOf = (start: number, end: number): LineRange => ({
    startLine: lines.linePos(start).line,
    endLine: lines.linePos(Math.max(start, end - 1)).line,
  });
  const walk = (node: unknown, path: PathSegment[], depth: number) => {
    if (depth > 100) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        const keyNode = pair.key as Node;
        const valueNode = pair.value as Node | null;
        const start = keyNode.range?.[0];
        const end = valueNode?.range?.[1] ?? keyNode.range?.[1];
        const childPath = [...path, key];
        if (start !== undefined && end !== undefined) out.set(formatPath(childPath), rangeOf(start, end));
        walk(valueNode, childPath, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const childPath = [...path, i];
        const range = (item as Node | null)?.range;
        if (range) out.set(formatPath(childPath), rangeOf(range[0], range[1]));
        walk(item, childPath, depth + 1);
      });
    }
  };
  walk(root, [], 0);
  return out;
}

/**
 * Renames raw manifest paths into canonical property paths: each pair maps a
 * canonical prefix to the raw prefix it was copied from. One raw path may
 * feed several canonical ones (a pod-level securityContext field is part of
 * every container's effective view).
 */
export function translateRanges(
  raw: Map<string, LineRange>,
  mapping: ReadonlyArray<readonly [canonical: string, raw: string]>,
): Record<string, LineRange> {
  const out: Record<string, LineRange> = {};
  for (const [canonicalPrefix, rawPrefix] of mapping) {
    for (const [path, range] of raw) {
      if (path === rawPrefix) out[canonicalPrefix] = range;
      else if (rawPrefix === "") out[joinPath(canonicalPrefix, path)] = range;
      else if (
        path.startsWith(rawPrefix) &&
        (path[rawPrefix.length] === "." || path[rawPrefix.length] === "[")
      )
        out[joinPath(canonicalPrefix, path.slice(rawPrefix.length))] = range;
    }
  }
  return out;
}

function joinPath(prefix: string, rest: string): string {
  if (prefix === "") return rest.startsWith(".") ? rest.slice(1) : rest;
  if (rest === "" || rest.startsWith(".") || rest.startsWith("[")) return prefix + rest;
  return `${prefix}.${rest}`;
}

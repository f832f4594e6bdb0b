import { type Document, visit } from "yaml";

/**
 * Offset of the first alias (`*name`) in a document, or undefined. Hand-edited
 * files (custom checks, frameworks) need no aliases, so refusing them outright
 * closes the door on alias bombs without a size heuristic.
 */
export function firstAliasOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

import { type Document, isMap, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";
import type { LineRange, ScanError } from "../../../model/index.js";
import { firstAliasOffset } from "../../../util/yaml.js";
import type { InlineSuppression } from "../format.js";
import { type CanonicalObject, normalizeObject } from "./normalize.js";
import { nodeRanges, translateRanges } from "./positions.js";
import { IGNORE_ANNOTATION, ignoreComments, parseIgnore, suppression } from "./suppress.js";

/** One modelled object of a manifest file, with where it sits. */
export interface ManifestObject {
  canonical: CanonicalObject;
  /** Lines of the object (the document, or the List item). */
  range: LineRange;
  /** Lines of its canonical properties. */
  properties: Record<string, LineRange>;
}

export interface ManifestParse {
  objects: ManifestObject[];
  errors: ScanError[];
  /** Suppressions without resource ids yet: `objectIndex` says which object they belong to. */
  suppressions: Array<{ objectIndex: number; suppression: InlineSuppression }>;
}

/** Documents past this many in one file are refused: no real manifest set is that long. */
export const MAX_DOCUMENTS = 10_000;

/**
 * Parses a multi-document YAML (or JSON) manifest file with positions. A
 * document with a syntax error or an alias gives an error with its line and
 * column and is skipped; the other documents go on. Documents that are not
 * Kubernetes objects of a modelled kind are ignored.
 */
export function parseManifests(text: string, file: string): ManifestParse {
  const out: ManifestParse = { objects: [], errors: [], suppressions: [] };
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const documents: Document[] = Array.isArray(docs) ? docs : [];
  if (documents.length > MAX_DOCUMENTS) {
    out.errors.push({ source: file, message: `more than ${MAX_DOCUMENTS} YAML documents; refused` });
    return out;
  }
  const error = (message: string, offset: number) => {
    const pos = lines.linePos(offset);
    out.errors.push({ source: file, message, line: pos.line, column: pos.col });
  };
  const comments = ignoreComments(text);
  const lineOf = (offset: number) => lines.linePos(offset).line;

  documents.forEach((doc, docIndex) => {
    const spanStart = docIndex === 0 ? 0 : (documents[docIndex - 1]?.range?.[2] ?? 0);
    const spanEnd = doc.range?.[2] ?? text.length;
    const span = { startLine: lineOf(spanStart), endLine: lineOf(Math.max(spanStart, spanEnd - 1)) };
    const firstError = doc.errors[0];
    if (firstError) {
      error(`YAML syntax error: ${firstError.message.split("\n")[0]}`, firstError.pos[0]);
      return;
    }
    const alias = firstAliasOffset(doc);
    if (alias !== undefined) {
      error("YAML aliases are not allowed in manifests (alias bombs); write the value out", alias);
      return;
    }
    const value = doc.toJS({ maxAliasCount: 0 }) as unknown;
    if (value === null || value === undefined) return;
    if (!isObject(value)) return;
    const ranges = nodeRanges(doc.contents as Node, lines);
    const docRange = rangeOf(doc.contents as Node, lines) ?? span;

    // A `kind: List` (what `kubectl get -o yaml` prints) holds its objects in items.
    const entries: Array<{ manifest: Record<string, unknown>; prefix: string; range: LineRange }> = [];
    if (typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items)) {
      const itemsNode = isMap(doc.contents) ? doc.contents.get("items", true) : undefined;
      value.items.forEach((item, i) => {
        if (!isObject(item)) return;
        const node = isSeq(itemsNode) ? (itemsNode.items[i] as Node | undefined) : undefined;
        entries.push({ manifest: item, prefix: `items[${i}]`, range: rangeOf(node, lines) ?? docRange });
      });
    } else {
      entries.push({ manifest: value, prefix: "", range: docRange });
    }

    for (const [itemIndex, entry] of entries.entries()) {
      const canonical = normalizeObject(entry.manifest, `unnamed-${docIndex + 1}-${itemIndex + 1}`);
      if (!canonical) continue;
      const mapping = canonical.pathMap.map(
        ([c, r]) => [c, entry.prefix === "" ? r : `${entry.prefix}.${r}`] as [string, string],
      );
      const objectIndex = out.objects.length;
      out.objects.push({ canonical, range: entry.range, properties: translateRanges(ranges, mapping) });

      // `# mamori:ignore` comments anywhere in the document (or in the List item) apply to this object.
      const within = entries.length > 1 ? entry.range : span;
      for (const comment of comments) {
        if (comment.line < within.startLine || comment.line > within.endLine) continue;
        if (typeof comment.parsed === "string")
          out.errors.push({ source: file, message: comment.parsed, line: comment.line });
        else
          out.suppressions.push({
            objectIndex,
            suppression: suppression(comment.parsed, file, comment.line),
          });
      }
      const annotation = (canonical.properties.annotations as Record<string, string>)[IGNORE_ANNOTATION];
      if (annotation !== undefined) {
        const rawPath = `${entry.prefix === "" ? "" : `${entry.prefix}.`}metadata.annotations["${IGNORE_ANNOTATION}"]`;
        const line = ranges.get(rawPath)?.startLine ?? entry.range.startLine;
        for (const part of annotation.split(/[;\n]/).filter((p) => p.trim() !== "")) {
          const parsed = parseIgnore(part);
          if (typeof parsed === "string") out.errors.push({ source: file, message: parsed, line });
          else out.suppressions.push({ objectIndex, suppression: suppression(parsed, file, line) });
        }
      }
    }
  });
  // A bad comment in a document of several objects was reported once per object.
  out.errors = dedupe(out.errors);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function rangeOf(node: Node | null | undefined, lines: LineCounter): LineRange | undefined {
  const range = node?.range;
  if (!range) return undefined;
  return {
    startLine: lines.linePos(range[0]).line,
    endLine: lines.linePos(Math.max(range[0], range[1] - 1)).line,
  };
}

function dedupe(errors: ScanError[]): ScanError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.source}:${e.line}:${e.column}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

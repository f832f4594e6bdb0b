import { CompileError, type ResolvedField, resolveField } from "./compile.js";
import type { SourceFields } from "./fields/common.js";
import type { Alert, DetectEvent, FieldValue } from "./types.js";

type Piece = string | ResolvedField;

export interface OutputFormat {
  pieces: Piece[];
  fields: ResolvedField[];
}

const FIELD_RE = /%([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)(\[[^\]]*\])?/g;

/** Compiles `text %ct.user %json.value[/a]` once; unknown fields are load errors. */
export function compileOutput(template: string, fields: SourceFields): OutputFormat {
  template = template.replace(/\s*\n\s*/g, " ").trim();
  const pieces: Piece[] = [];
  const used: ResolvedField[] = [];
  let last = 0;
  for (const m of template.matchAll(FIELD_RE)) {
    const name = m[1] ?? "";
    const arg = m[2]?.slice(1, -1);
    const start = m.index ?? 0;
    pieces.push(template.slice(last, start));
    let resolved: ResolvedField;
    try {
      resolved = resolveField({ name, arg, transformers: [], pos: start }, fields);
    } catch (error) {
      if (error instanceof CompileError) throw new CompileError(error.message, start);
      throw error;
    }
    pieces.push(resolved);
    if (!used.some((u) => u.name === name && u.arg === arg)) used.push(resolved);
    last = start + m[0].length;
  }
  pieces.push(template.slice(last));
  return { pieces: pieces.filter((p) => p !== ""), fields: used };
}

function show(_name: string, value: FieldValue): string {
  if (value === undefined) return "<NA>";
  if (Array.isArray(value)) return `(${value.join(",")})`;
  return String(value);
}

/** Falco prints evt.time as the time of day with nanoseconds (kept exact, not via a float). */
function timeOfDay(event: DetectEvent): string {
  const ns = (event.timeMs % 1000) * 1_000_000 + (event.subMsNs ?? 0);
  return `${new Date(event.timeMs).toISOString().slice(11, 19)}.${String(ns).padStart(9, "0")}`;
}

export function renderOutput(
  format: OutputFormat,
  event: DetectEvent,
): { text: string; fields: Alert["fields"] } {
  let text = "";
  for (const piece of format.pieces)
    text +=
      typeof piece === "string"
        ? piece
        : piece.name === "evt.time" && event.timeMs
          ? timeOfDay(event)
          : show(piece.name, piece.extract(event));
  const fields: Alert["fields"] = {};
  for (const f of format.fields) {
    const value = f.extract(event);
    fields[f.arg === undefined ? f.name : `${f.name}[${f.arg}]`] = value === undefined ? null : value;
  }
  return { text, fields };
}

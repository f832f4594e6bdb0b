import { csvField } from "../report/index.js";

/** A plain text table for list commands: left-aligned columns, cells cut to `maxCell` characters. */
export function textTable(headers: string[], rows: string[][], maxCell = 80): string {
  const cut = (s: string) => {
    const flat = s.replace(/\s+/g, " ");
    return flat.length > maxCell ? `${flat.slice(0, maxCell - 1)}…` : flat;
  };
  const cells = [headers, ...rows].map((row) => row.map(cut));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const [head, ...body] = cells;
  return [line(head ?? []), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/** RFC 4180 CSV for list commands, escaped and formula-guarded as the report writer does. */
export function csvTable(headers: string[], rows: string[][]): string {
  return [headers, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n");
}

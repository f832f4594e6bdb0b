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

/** RFC 4180 CSV for list commands, with the same formula-injection guard as the report writer. */
export function csvTable(headers: string[], rows: string[][]): string {
  const cell = (value: string) => {
    const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
  };
  return [headers, ...rows].map((row) => row.map(cell).join(",")).join("\r\n");
}

import { Command } from "commander";
import { addOutputOption, addStoreOptions, emit, formatOption, openConfiguredStore } from "../context.js";
import { UsageError } from "../errors.js";
import { csvTable, textTable } from "../table.js";

export function queryCommand(): Command {
  const command = new Command("query")
    .summary("run read-only SQL over the inventory and findings")
    .description(
      "Run one read-only SQL statement over the store's views: resources, resource_history, findings, scans,\n" +
        "mutes and controls (see docs/store.md). Writes are refused; the statement is stopped after --timeout.",
    )
    .argument("<sql>", 'e.g. "select type, count(*) from resources group by type"')
    .addOption(formatOption(["table", "json", "csv"], "table"))
    .option("--timeout <ms>", "statement timeout in milliseconds", "10000")
    .option("--max-rows <n>", "stop after this many rows", "10000");
  addOutputOption(command);
  return addStoreOptions(command).action(
    async (
      sql: string,
      options: { format: string; output?: string; dataDir?: string; timeout: string; maxRows: string },
    ) => {
      const timeoutMs = positiveInt("--timeout", options.timeout);
      const maxRows = positiveInt("--max-rows", options.maxRows);
      const store = await openConfiguredStore(options);
      let result: Awaited<ReturnType<typeof store.query>>;
      try {
        result = await store.query(sql, { timeoutMs, maxRows });
      } finally {
        await store.close();
      }
      const rows = result.rows as Record<string, unknown>[];
      if (options.format === "json") {
        emit(JSON.stringify(rows, null, 2), options.output);
      } else {
        const cells = rows.map((row) => result.columns.map((c) => cellText(row[c])));
        emit(
          options.format === "csv" ? csvTable(result.columns, cells) : textTable(result.columns, cells),
          options.output,
        );
      }
      if (result.truncated) process.stderr.write(`mamori: output stopped at ${maxRows} rows (--max-rows)\n`);
    },
  );
}

function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag} ${value}: expected a positive whole number`);
  return n;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

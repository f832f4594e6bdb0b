import { type Db, QUERY_CANCELED } from "./db.js";
import { QueryError, SqlError } from "./errors.js";

export interface QueryOptions {
  /** Stop the statement after this long; default 10 000. */
  timeoutMs?: number;
  /** Return at most this many rows; default 10 000. */
  maxRows?: number;
}

export interface QueryResult {
  /** Column names in order; a repeated name gets a suffix (`id`, `id_2`) so every row key is unique. */
  columns: string[];
  rows: Record<string, unknown>[];
  /** True when the statement had more rows than `maxRows`. */
  truncated: boolean;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;
export const DEFAULT_QUERY_MAX_ROWS = 10_000;

/**
 * Runs one statement a person typed, read-only: inside a READ ONLY
 * transaction that is always rolled back, with a timeout, through the
 * extended protocol (which refuses a second statement). Every refusal or
 * failure is a QueryError with a one-line message.
 */
export async function runReadOnlyQuery(
  db: Db,
  sql: string,
  options: QueryOptions = {},
): Promise<QueryResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const maxRows = options.maxRows ?? DEFAULT_QUERY_MAX_ROWS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new QueryError(`timeout ${timeoutMs}: expected a positive whole number of milliseconds`);
  if (!Number.isInteger(maxRows) || maxRows <= 0)
    throw new QueryError(`row limit ${maxRows}: expected a positive whole number`);
  if (sql.trim() === "" || /^[\s;]*$/.test(sql)) throw new QueryError("the query is empty");
  let result: Awaited<ReturnType<Db["readOnlyQuery"]>>;
  try {
    result = await db.readOnlyQuery(sql, { timeoutMs, maxRows });
  } catch (error) {
    if (error instanceof SqlError) throw queryError(error, sql, timeoutMs);
    throw error;
  }
  const columns = uniqueNames(result.columns);
  const rows = result.rows.map((row) => Object.fromEntries(columns.map((name, i) => [name, plain(row[i])])));
  return { columns, rows, truncated: result.truncated };
}

function queryError(error: SqlError, sql: string, timeoutMs: number): QueryError {
  if (error.code === "25006") {
    return new QueryError(`the query is read-only: ${oneLine(error.message)}`, error.code);
  }
  if (error.code === QUERY_CANCELED) {
    return new QueryError(`the query took longer than ${timeoutMs} ms and was stopped`, error.code);
  }
  if (/cannot insert multiple commands into a prepared statement/i.test(error.message)) {
    return new QueryError("only one SQL statement is allowed", error.code);
  }
  let message = oneLine(error.message);
  if (error.position !== undefined) message += ` (${lineColumn(sql, error.position)})`;
  return new QueryError(message, error.code);
}

function oneLine(text: string): string {
  return text.split("\n")[0] ?? text;
}

/** "line 2, column 7" for a 1-based character position of `sql`. */
export function lineColumn(sql: string, position: number): string {
  const before = [...sql].slice(0, Math.max(0, position - 1)).join("");
  const lines = before.split("\n");
  const column = [...(lines.at(-1) ?? "")].length + 1;
  return `line ${lines.length}, column ${column}`;
}

function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let n = 2; seen.has(unique); n++) unique = `${name}_${n}`;
    seen.add(unique);
    return unique;
  });
}

/** Values both drivers return alike and JSON can hold: bigint as number or text, bytea as \x hex. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "bigint")
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString("hex")}`;
  return value;
}

import pg from "pg";
import type { Db, Queryable, ReadOnlyOptions, ReadOnlyResult, Row } from "./db.js";
import { SqlError, StoreError, sqlErrorFields, toSqlError } from "./errors.js";

/**
 * bigint columns (counts, sums) as numbers when they fit, else as strings, the
 * way PGlite returns them (it uses BigInt for the rest, which the store turns
 * into strings too).
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === pg.types.builtins.INT8 && format !== "binary") {
      return (value: string) => {
        const n = Number(value);
        return Number.isSafeInteger(n) ? n : value;
      };
    }
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  }) as typeof pg.types.getTypeParser,
};

/** Connects to PostgreSQL; every connection's search_path is `schema` (a safe identifier, checked by openStore). */
export async function openPostgres(databaseUrl: string, schema: string): Promise<Db> {
  const where = describeUrl(databaseUrl);
  const pool = new pg.Pool({
    ...withSearchPath(databaseUrl, schema),
    application_name: "mamori",
    connectionTimeoutMillis: 15_000,
    max: 10,
    // Idle connections do not keep the process alive (as the PGlite worker does not).
    allowExitOnIdle: true,
    types,
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreError(`cannot connect to PostgreSQL at ${where}: ${connectReason(error)}`);
  }
  return new PostgresDb(pool, where);
}

/**
 * Every connection starts with search_path set to the schema, through the
 * `options` startup parameter. It goes into the URL, added to any options
 * already there: `pg` lets an `options` in the URL override the config.
 */
function withSearchPath(databaseUrl: string, schema: string): { connectionString: string; options?: string } {
  const setting = `-c search_path=${schema}`;
  try {
    const url = new URL(databaseUrl);
    const existing = url.searchParams.get("options");
    url.searchParams.set("options", existing ? `${existing} ${setting}` : setting);
    return { connectionString: url.toString() };
  } catch {
    return { connectionString: databaseUrl, options: setting };
  }
}

/** host:port/database of a connection URL, never the password. */
export function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
    return `${url.hostname || "localhost"}:${url.port || "5432"}${database ? `/${database}` : ""}`;
  } catch {
    return "the server in the database URL";
  }
}

function connectReason(error: unknown): string {
  const sql = sqlErrorFields(error);
  if (sql) return sql.message;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "host unreachable";
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return (code ?? message).split("\n")[0] ?? "unknown error";
    }
  }
}

/** Server errors become SqlError; a lost connection becomes StoreError. */
function rethrow(error: unknown, where: string): never {
  const fields = sqlErrorFields(error);
  if (fields && !fields.code?.startsWith("08") && !fields.code?.startsWith("57P")) throw toSqlError(fields);
  if (error instanceof SqlError || error instanceof StoreError) throw error;
  throw new StoreError(`lost the connection to PostgreSQL at ${where}: ${connectReason(error)}`);
}

/**
 * A query that stops after `limit` rows: the rows are fetched with one
 * Execute(limit) and, when the server says more are left (PortalSuspended),
 * the portal is dropped instead of read on, so a large result is never
 * transferred. The same approach as `pg-cursor`, on `pg`'s Query.
 */
class LimitedQuery extends pg.Query {
  constructor(text: string, limit: number) {
    const config: pg.QueryArrayConfig & { rows: number; queryMode: "extended" } = {
      text,
      rowMode: "array",
      rows: limit,
      queryMode: "extended",
    };
    super(config);
  }

  handlePortalSuspended(connection: { sync(): void }): void {
    connection.sync();
  }

  /** With a row limit, `pg` sends no Sync after Execute; send one after an error so the server answers again. */
  handleError(error: Error, connection: { sync(): void }): void {
    try {
      connection.sync();
    } catch {
      // The connection is gone; the error below is what the caller needs.
    }
    (pg.Query.prototype as unknown as { handleError(e: Error, c: unknown): void }).handleError.call(
      this,
      error,
      connection,
    );
  }

  run(client: pg.PoolClient): Promise<{ fields: string[]; rows: unknown[][] }> {
    return new Promise((resolveResult, reject) => {
      this.on("error", reject);
      this.on("end", (result) => {
        resolveResult({
          fields: result.fields.map((f) => f.name),
          rows: result.rows as unknown as unknown[][],
        });
      });
      client.query(this);
    });
  }
}

class PostgresDb implements Db {
  readonly driver = "postgres";
  readonly location: string;
  readonly #pool: pg.Pool;
  readonly #where: string;
  #closed = false;

  constructor(pool: pg.Pool, where: string) {
    this.#pool = pool;
    this.#where = where;
    this.location = `PostgreSQL at ${where}`;
  }

  #check(): void {
    if (this.#closed) throw new StoreError(`the store (${this.location}) is closed`);
  }

  async query<R extends object = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    this.#check();
    try {
      return (await this.#pool.query<R & pg.QueryResultRow>(sql, [...params])).rows;
    } catch (error) {
      rethrow(error, this.#where);
    }
  }

  async exec(script: string): Promise<void> {
    this.#check();
    try {
      await this.#pool.query(script);
    } catch (error) {
      rethrow(error, this.#where);
    }
  }

  async #connect(): Promise<pg.PoolClient> {
    this.#check();
    try {
      return await this.#pool.connect();
    } catch (error) {
      rethrow(error, this.#where);
    }
  }

  #wrap(client: pg.PoolClient): Queryable {
    return {
      query: async <R extends object>(sql: string, params: readonly unknown[] = []) => {
        try {
          return (await client.query<R & pg.QueryResultRow>(sql, [...params])).rows;
        } catch (error) {
          rethrow(error, this.#where);
        }
      },
      exec: async (script: string) => {
        try {
          await client.query(script);
        } catch (error) {
          rethrow(error, this.#where);
        }
      },
    };
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    const tx = this.#wrap(client);
    let broken: Error | undefined;
    try {
      await tx.exec("begin");
      try {
        const result = await fn(tx);
        await tx.exec("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  async readOnlyQuery(sql: string, options: ReadOnlyOptions): Promise<ReadOnlyResult> {
    const client = await this.#connect();
    let broken: Error | undefined;
    try {
      await client.query(
        `begin read only; set local statement_timeout = ${Math.max(1, Math.floor(options.timeoutMs))}`,
      );
      const result = await new LimitedQuery(sql, options.maxRows + 1)
        .run(client)
        .catch((error: unknown) => rethrow(error, this.#where));
      const truncated = result.rows.length > options.maxRows;
      return { columns: result.fields, rows: result.rows.slice(0, options.maxRows), truncated };
    } catch (error) {
      if (!(error instanceof SqlError)) broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      // Always rolled back; session-level advisory locks taken by the statement are let go too.
      if (!broken) {
        await client.query("rollback; select pg_advisory_unlock_all()").catch((error: Error) => {
          broken = error;
        });
      }
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}

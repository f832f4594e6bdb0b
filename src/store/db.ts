/**
 * The small database interface the store is written against. Two drivers
 * implement it: PGlite (embedded, pglite.ts) and PostgreSQL through `pg`
 * (postgres.ts). Both raise `SqlError` for errors reported by the server and
 * `StoreError` when the database itself cannot be used.
 */

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with `$1…` parameters (extended protocol); rows as objects keyed by column name. */
  query<R extends object = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** A script of several statements without parameters (simple protocol), for migrations. */
  exec(script: string): Promise<void>;
}

export interface ReadOnlyOptions {
  timeoutMs: number;
  /** Rows to return at most; the driver fetches one more to know whether the result was cut. */
  maxRows: number;
}

export interface ReadOnlyResult {
  columns: string[];
  rows: unknown[][];
  truncated: boolean;
}

export type DriverName = "pglite" | "postgres";

export interface Db extends Queryable {
  readonly driver: DriverName;
  /** For messages: "PGlite in /home/me/.mamori/pgdata" or "PostgreSQL at db:5432/mamori". */
  readonly location: string;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs one untrusted statement in a READ ONLY transaction that is always
   * rolled back. A statement that runs longer than `timeoutMs` fails with
   * SQLSTATE 57014, as PostgreSQL's `statement_timeout` reports it.
   */
  readOnlyQuery(sql: string, options: ReadOnlyOptions): Promise<ReadOnlyResult>;
  close(): Promise<void>;
}

/** SQLSTATE of a statement cancelled by a timeout. */
export const QUERY_CANCELED = "57014";

/** Serializes async work: one holder at a time, in call order. */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(() => fn());
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

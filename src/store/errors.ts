/**
 * A problem with the store's setup or use that a person can fix: a data
 * folder that cannot be written, a database that cannot be reached, a scan id
 * that does not exist. The message is one line; the CLI prints it without a
 * stack trace.
 */
export class StoreError extends Error {
  override name = "StoreError";
}

/** A `mamori query` statement that was refused or failed; the message is one line. */
export class QueryError extends Error {
  override name = "QueryError";
  constructor(
    message: string,
    /** SQLSTATE when the server reported one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** What both drivers report for an error raised by the database server. */
export class SqlError extends Error {
  override name = "SqlError";
  constructor(
    message: string,
    readonly code?: string,
    /** 1-based character position in the statement, when the server gave one. */
    readonly position?: number,
    readonly detail?: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface SqlErrorFields {
  message: string;
  code?: string;
  position?: number;
  detail?: string;
  hint?: string;
}

/** The fields of a server error, from a `pg` or PGlite DatabaseError (or anything with the same fields). */
export function sqlErrorFields(error: unknown): SqlErrorFields | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & {
    code?: unknown;
    position?: unknown;
    detail?: unknown;
    hint?: unknown;
    severity?: unknown;
  };
  if (typeof e.code !== "string" || !/^[0-9A-Z]{5}$/.test(e.code)) return undefined;
  const fields: SqlErrorFields = { message: e.message, code: e.code };
  const position = Number(e.position);
  if (Number.isInteger(position) && position > 0) fields.position = position;
  if (typeof e.detail === "string" && e.detail) fields.detail = e.detail;
  if (typeof e.hint === "string" && e.hint) fields.hint = e.hint;
  return fields;
}

export function toSqlError(fields: SqlErrorFields): SqlError {
  return new SqlError(fields.message, fields.code, fields.position, fields.detail, fields.hint);
}

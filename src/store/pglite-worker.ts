/**
 * Runs PGlite in a worker thread. PGlite executes PostgreSQL compiled to
 * WebAssembly on the thread that calls it and does not enforce
 * `statement_timeout`, so a long statement would block the process with no
 * way to stop it. In a worker the main thread stays responsive and stops a
 * statement that runs too long by terminating the worker (pglite.ts), then
 * opens the data folder again: PostgreSQL's crash recovery brings it back to
 * the last commit.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type SqlErrorFields, sqlErrorFields } from "./errors.js";

export interface WorkerInit {
  dataDir: string;
  schema: string;
}

export type WorkerRequest =
  | { id: number; op: "query"; sql: string; params: unknown[] }
  | { id: number; op: "exec"; sql: string }
  | { id: number; op: "readonly"; sql: string; maxRows: number }
  | { id: number; op: "close" };

export type WorkerResponse =
  | { id: number; ok: true; rows: unknown[]; columns?: string[]; truncated?: boolean }
  | { id: number; ok: false; error: SqlErrorFields };

export type WorkerStatus = { type: "ready" } | { type: "fatal"; message: string };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("pglite-worker.ts must run in a worker thread");
  const init = workerData as WorkerInit;
  let db: PGlite;
  try {
    // pg_trgm backs the free-text search indexes of migration 0008.
    db = await PGlite.create(init.dataDir, { extensions: { pg_trgm } });
    await db.exec(`set search_path to "${init.schema}"`);
  } catch (error) {
    port.postMessage({
      type: "fatal",
      message: error instanceof Error ? error.message : String(error),
    } satisfies WorkerStatus);
    return;
  }
  port.postMessage({ type: "ready" } satisfies WorkerStatus);

  const handle = async (request: WorkerRequest): Promise<WorkerResponse> => {
    switch (request.op) {
      case "query":
        return { id: request.id, ok: true, rows: (await db.query(request.sql, request.params)).rows };
      case "exec":
        await db.exec(request.sql);
        return { id: request.id, ok: true, rows: [] };
      case "readonly": {
        await db.exec("begin read only");
        try {
          const result = await db.query<unknown[]>(request.sql, [], { rowMode: "array" });
          const truncated = result.rows.length > request.maxRows;
          const rows = truncated ? result.rows.slice(0, request.maxRows) : result.rows;
          return { id: request.id, ok: true, rows, columns: result.fields.map((f) => f.name), truncated };
        } finally {
          // The statement may have ended the transaction itself (COMMIT); ROLLBACK then only warns.
          await db.exec("rollback; select pg_advisory_unlock_all()");
        }
      }
      case "close":
        await db.close();
        return { id: request.id, ok: true, rows: [] };
    }
  };

  // PGlite runs one statement at a time; the main thread already serializes, this keeps order.
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (request: WorkerRequest) => {
    queue = queue.then(async () => {
      let response: WorkerResponse;
      try {
        response = await handle(request);
      } catch (error) {
        const fields = sqlErrorFields(error) ?? {
          message: error instanceof Error ? error.message : String(error),
        };
        response = { id: request.id, ok: false, error: fields };
      }
      port.postMessage(response);
      if (request.op === "close") port.close();
    });
  });
}

void main();

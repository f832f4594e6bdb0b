import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import {
  type Db,
  Mutex,
  QUERY_CANCELED,
  type Queryable,
  type ReadOnlyOptions,
  type ReadOnlyResult,
} from "./db.js";
import { SqlError, StoreError, toSqlError } from "./errors.js";
import type { WorkerInit, WorkerRequest, WorkerResponse, WorkerStatus } from "./pglite-worker.js";

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;
type Ok = Extract<WorkerResponse, { ok: true }>;

/** The PostgreSQL data files live in this sub-folder of the data folder; the lock file beside it. */
export const PGLITE_SUBDIR = "pgdata";
const LOCK_FILE = "pgdata.lock";

/** Locks held by this process, so a lock file naming our own pid is known to be live or stale. */
const heldLocks = new Set<string>();

/**
 * Opens the embedded database in `dataDir` (created when missing). Only one
 * process may use a data folder at a time (PGlite is a single-user
 * PostgreSQL); a second one gets a StoreError naming the holder.
 */
export async function openPglite(dataDir: string, schema: string): Promise<Db> {
  const dir = resolve(dataDir);
  prepareDir(dir);
  const lock = acquireLock(dir);
  try {
    const db = new PgliteDb(join(dir, PGLITE_SUBDIR), schema, lock);
    await db.start();
    return db;
  } catch (error) {
    releaseLock(lock);
    throw error;
  }
}

function prepareDir(dir: string): void {
  try {
    mkdirSync(join(dir, PGLITE_SUBDIR), { recursive: true });
  } catch (error) {
    throw new StoreError(`cannot use data folder ${dir}: ${fsReason(error)}`);
  }
}

function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "ENOTDIR":
    case "EEXIST":
      return "a file is in the way of the folder";
    case "ENOSPC":
      return "no space left on device";
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

function acquireLock(dir: string): string {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      heldLocks.add(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new StoreError(`cannot use data folder ${dir}: ${fsReason(error)}`);
      }
    }
    const holder = Number.parseInt(readLock(path), 10);
    if (Number.isInteger(holder) && holder > 0 && isLive(holder, path)) {
      throw new StoreError(
        `data folder ${dir} is in use by process ${holder} (the embedded database allows one process at a time; ` +
          `use PostgreSQL for more, or delete ${path} if no Mamori process is running)`,
      );
    }
    rmSync(path, { force: true });
  }
  throw new StoreError(`cannot lock data folder ${dir}: ${path} keeps coming back`);
}

function readLock(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function isLive(pid: number, path: string): boolean {
  if (pid === process.pid) return heldLocks.has(path);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function releaseLock(path: string): void {
  heldLocks.delete(path);
  rmSync(path, { force: true });
}

/** The worker module: TypeScript when running from src/ under tsx, JavaScript from dist/. */
function startWorker(init: WorkerInit): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const url = new URL(fromSource ? "./pglite-worker.ts" : "./pglite-worker.js", import.meta.url);
  if (!fromSource) return new Worker(url, { workerData: init });
  // Worker threads do not inherit tsx's loader hooks on Node 20: load the module through tsx's API.
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(boot, { eval: true, workerData: init });
}

class PgliteDb implements Db {
  readonly driver = "pglite";
  readonly location: string;
  readonly #init: WorkerInit;
  readonly #lock: string;
  readonly #mutex = new Mutex();
  readonly #pending = new Map<number, { resolve: (r: Ok) => void; reject: (e: Error) => void }>();
  #worker: Worker | undefined;
  #nextId = 1;
  #closed = false;

  constructor(dataDir: string, schema: string, lock: string) {
    this.#init = { dataDir, schema };
    this.#lock = lock;
    this.location = `PGlite in ${dataDir}`;
  }

  /** Starts the worker and waits until the database is open. */
  async start(): Promise<void> {
    const worker = startWorker(this.#init);
    this.#worker = worker;
    await new Promise<void>((resolveReady, rejectReady) => {
      const onError = (error: Error) => fail(error.message);
      const onExit = (code: number) => fail(`the database worker stopped (exit code ${code})`);
      const fail = (message: string) => {
        cleanup();
        this.#worker = undefined;
        void worker.terminate();
        rejectReady(new StoreError(`cannot open the embedded database in ${this.#init.dataDir}: ${message}`));
      };
      const onStatus = (status: WorkerStatus) => {
        cleanup();
        if (status.type === "fatal") return fail(status.message);
        this.#listen(worker);
        worker.unref();
        resolveReady();
      };
      // Only our own listeners: Worker keeps internal ones that must stay.
      const cleanup = () => {
        worker.off("error", onError);
        worker.off("exit", onExit);
        worker.off("message", onStatus);
      };
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.on("message", onStatus);
    });
  }

  #listen(worker: Worker): void {
    worker.on("message", (response: WorkerResponse) => {
      const pending = this.#pending.get(response.id);
      if (!pending) return;
      this.#pending.delete(response.id);
      if (response.ok) pending.resolve(response);
      else pending.reject(toSqlError(response.error));
    });
    const lost = (reason: string) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#rejectAll(new StoreError(`the embedded database in ${this.#init.dataDir} stopped: ${reason}`));
    };
    worker.on("error", (error) => lost(error.message));
    worker.on("exit", (code) => lost(`exit code ${code}`));
  }

  #rejectAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  async #send(request: Request): Promise<Ok> {
    if (this.#closed) throw new StoreError(`the store (${this.location}) is closed`);
    // A worker lost to a crash is started again; recovery brings the data back to the last commit.
    if (!this.#worker) await this.start();
    const worker = this.#worker;
    if (!worker) throw new StoreError(`the embedded database in ${this.#init.dataDir} is not running`);
    const id = this.#nextId++;
    return new Promise<Ok>((resolveResponse, reject) => {
      this.#pending.set(id, { resolve: resolveResponse, reject });
      worker.ref();
      worker.postMessage({ ...request, id } as WorkerRequest);
    }).finally(() => {
      // An idle worker does not keep the process alive; committed data is safe if it exits without close().
      if (this.#pending.size === 0) this.#worker?.unref();
    });
  }

  #queryable(): Queryable {
    return {
      query: async <R extends object>(sql: string, params: readonly unknown[] = []) =>
        (await this.#send({ op: "query", sql, params: [...params] })).rows as R[],
      exec: async (sql: string) => {
        await this.#send({ op: "exec", sql });
      },
    };
  }

  query<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return this.#mutex.run(() => this.#queryable().query<R>(sql, params));
  }

  exec(script: string): Promise<void> {
    return this.#mutex.run(() => this.#queryable().exec(script));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      const tx = this.#queryable();
      await tx.exec("begin");
      let result: T;
      try {
        result = await fn(tx);
      } catch (error) {
        await tx.exec("rollback").catch(() => undefined);
        throw error;
      }
      await tx.exec("commit");
      return result;
    });
  }

  readOnlyQuery(sql: string, options: ReadOnlyOptions): Promise<ReadOnlyResult> {
    return this.#mutex.run(async () => {
      const running = this.#send({ op: "readonly", sql, maxRows: options.maxRows });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timeout">((resolveTimeout) => {
        timer = setTimeout(() => resolveTimeout("timeout"), options.timeoutMs);
      });
      try {
        const outcome = await Promise.race([running, timedOut]);
        if (outcome === "timeout") {
          // PGlite cannot cancel a statement: stop the worker and open the data folder again.
          const worker = this.#worker;
          this.#worker = undefined;
          this.#rejectAll(new SqlError("canceling statement due to statement timeout", QUERY_CANCELED));
          await worker?.terminate();
          await this.start();
          throw new SqlError("canceling statement due to statement timeout", QUERY_CANCELED);
        }
        return {
          columns: outcome.columns ?? [],
          rows: outcome.rows as unknown[][],
          truncated: outcome.truncated ?? false,
        };
      } finally {
        clearTimeout(timer);
        running.catch(() => undefined);
      }
    });
  }

  close(): Promise<void> {
    return this.#mutex.run(async () => {
      if (this.#closed) return;
      try {
        const worker = this.#worker;
        if (worker) {
          await this.#send({ op: "close" });
          this.#worker = undefined;
          await worker.terminate();
        }
      } finally {
        this.#closed = true;
        releaseLock(this.#lock);
      }
    });
  }
}

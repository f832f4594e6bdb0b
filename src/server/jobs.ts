import { randomUUID } from "node:crypto";
import { iso, isoOrUndefined } from "../store/codec.js";
import type { Queryable } from "../store/db.js";

export type JobStatus = "queued" | "running" | "completed" | "failed";

export interface JobRecord {
  id: string;
  kind: string;
  status: JobStatus;
  createdBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  log: { at: string; message: string }[];
  result?: unknown;
  error?: string;
}

/** What a job's work gets: a way to append to its log. */
export interface JobContext {
  log(message: string): Promise<void>;
}

interface JobRow {
  id: string;
  kind: string;
  status: JobStatus;
  created_by: string;
  created_at: unknown;
  started_at: unknown;
  finished_at: unknown;
  log: { at: string; message: string }[];
  result: unknown;
  error: string | null;
}

function fromRow(row: JobRow): JobRecord {
  const job: JobRecord = {
    id: row.id,
    kind: row.kind,
    status: row.status,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    log: row.log,
  };
  const started = isoOrUndefined(row.started_at);
  if (started) job.startedAt = started;
  const finished = isoOrUndefined(row.finished_at);
  if (finished) job.finishedAt = finished;
  if (row.result !== null) job.result = row.result;
  if (row.error !== null) job.error = row.error;
  return job;
}

/**
 * Background jobs, one at a time in submission order (a scan is CPU-bound
 * and the embedded database is single-user, so running two at once would
 * only slow both). State and log live in the `job` table, so they can be
 * read through the API while the job runs and after a restart.
 */
export class JobRunner {
  readonly #db: Queryable;
  #queue: { id: string; work: (ctx: JobContext) => Promise<unknown> }[] = [];
  #running: Promise<void> | undefined;
  #stopping = false;
  readonly #onFinish: (kind: string, status: JobStatus, seconds: number) => void;

  constructor(
    db: Queryable,
    onFinish: (kind: string, status: JobStatus, seconds: number) => void = () => {},
  ) {
    this.#db = db;
    this.#onFinish = onFinish;
  }

  /** Jobs waiting, not counting the one running. */
  get depth(): number {
    return this.#queue.length;
  }

  async submit(
    kind: string,
    createdBy: string,
    work: (ctx: JobContext) => Promise<unknown>,
  ): Promise<string> {
    const id = randomUUID();
    await this.#db.query("insert into job (id, kind, created_by) values ($1, $2, $3)", [id, kind, createdBy]);
    this.#queue.push({ id, work });
    if (!this.#running) this.#running = this.#drain();
    return id;
  }

  async get(id: string): Promise<JobRecord | undefined> {
    const rows = await this.#db.query<JobRow>("select * from job where id = $1", [id]);
    return rows[0] && fromRow(rows[0]);
  }

  async list(limit: number, offset: number): Promise<{ items: JobRecord[]; total: number }> {
    const rows = await this.#db.query<JobRow>(
      "select * from job order by created_at desc, id limit $1 offset $2",
      [limit, offset],
    );
    const [count] = await this.#db.query<{ n: number }>("select count(*)::integer as n from job");
    return { items: rows.map(fromRow), total: count?.n ?? 0 };
  }

  /** Waits for the job running now; queued jobs that have not started are marked failed. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#running;
    for (const job of this.#queue.splice(0)) {
      await this.#db.query(
        "update job set status = 'failed', finished_at = now(), error = 'the server stopped before the job started' where id = $1",
        [job.id],
      );
    }
  }

  /** Resolves when no job is queued or running (tests). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      for (let job = this.#queue.shift(); job && !this.#stopping; job = this.#queue.shift()) {
        await this.#run(job.id, job.work);
      }
    } finally {
      this.#running = undefined;
    }
  }

  async #run(id: string, work: (ctx: JobContext) => Promise<unknown>): Promise<void> {
    const started = performance.now();
    await this.#db.query("update job set status = 'running', started_at = now() where id = $1", [id]);
    const ctx: JobContext = {
      log: async (message) => {
        await this.#db.query("update job set log = log || $2::jsonb where id = $1", [
          id,
          JSON.stringify([{ at: new Date().toISOString(), message }]),
        ]);
      },
    };
    let status: JobStatus = "completed";
    try {
      const result = await work(ctx);
      await this.#db.query(
        "update job set status = 'completed', finished_at = now(), result = $2::jsonb where id = $1",
        [id, JSON.stringify(result ?? null)],
      );
    } catch (error) {
      status = "failed";
      const message = error instanceof Error ? error.message : String(error);
      await this.#db.query(
        "update job set status = 'failed', finished_at = now(), error = $2 where id = $1",
        [id, message],
      );
    }
    const kind = (await this.get(id))?.kind ?? "unknown";
    this.#onFinish(kind, status, (performance.now() - started) / 1000);
  }
}

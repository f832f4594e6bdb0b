import { useCallback, useEffect, useRef, useState } from "react";
import { api, type Job, type Page } from "../api";
import { navigate } from "../nav";
import { ErrorNote } from "../ui";

/** How often jobs are re-read while one is queued or running (the API has no push). */
const POLL_MS = 1000;
const JOB_LIMIT = 20;

export const running = (job: Job) => job.status === "queued" || job.status === "running";

export function duration(from: string | undefined, to: string | null | undefined): string {
  if (!from || !to) return "";
  const ms = Date.parse(to) - Date.parse(from);
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** The job's outcome in words: what it found, or why it failed. */
export function outcome(job: Job): string {
  if (job.status === "failed") return job.error ?? "failed";
  if (job.status !== "completed") return "";
  const summary = job.result?.summary;
  if (!summary) return "completed";
  const failing = summary.byStatus?.fail ?? 0;
  const parts = [
    `${failing} failing ${failing === 1 ? "finding" : "findings"}`,
    `${summary.resources ?? 0} ${summary.resources === 1 ? "resource" : "resources"}`,
  ];
  if (job.result?.files !== undefined) parts.push(`${job.result.files} IaC files`);
  if (job.result?.errors) parts.push(`${job.result.errors} errors`);
  return parts.join(" · ");
}

/**
 * The newest jobs, re-read every second while one of them is queued or
 * running; `onFinished` fires when a job has ended since the previous read,
 * so the scan history can follow.
 */
export function useJobs(onFinished: () => void): {
  jobs: Page<Job> | null;
  error: unknown;
  refresh: () => void;
} {
  const [jobs, setJobs] = useState<Page<Job> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  // Status of each job at the previous read (undefined before the first), to notice jobs that ended.
  const previous = useRef<Map<string, Job["status"]> | undefined>(undefined);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick re-reads on demand
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    api<Page<Job>>(`/api/v1/jobs?limit=${JOB_LIMIT}`).then(
      (page) => {
        if (cancelled) return;
        setJobs(page);
        setError(null);
        const before = previous.current;
        // A job that ended since the last read, or started and ended between two reads.
        const finished = before
          ? page.items.some((job) => !running(job) && before.get(job.id) !== job.status)
          : false;
        previous.current = new Map(page.items.map((job) => [job.id, job.status]));
        if (finished) onFinished();
        if (page.items.some(running)) timer = setTimeout(refresh, POLL_MS);
      },
      (e) => {
        if (!cancelled) setError(e);
      },
    );
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [tick, onFinished, refresh]);
  return { jobs, error, refresh };
}

export function JobStatusBadge({ status }: { status: Job["status"] }) {
  return <span className={`badge job-${status}`}>{status}</span>;
}

export function JobsTable({ jobs, selected }: { jobs: Page<Job>; selected: string | null }) {
  if (jobs.total === 0)
    return <p className="muted">No jobs yet. Start a scan of an account or upload a file above.</p>;
  return (
    <div className="scroll">
      <table aria-label="jobs">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Status</th>
            <th scope="col">Started by</th>
            <th scope="col">Created</th>
            <th scope="col">Duration</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {jobs.items.map((job) => (
            <tr key={job.id} data-job={job.id} aria-current={job.id === selected ? "true" : undefined}>
              <td>
                <a
                  href={`#/scans?job=${job.id}`}
                  aria-label={`${job.kind} job of ${new Date(job.createdAt).toLocaleString()}: log`}
                >
                  {job.kind}
                </a>
              </td>
              <td>
                <JobStatusBadge status={job.status} />
              </td>
              <td>{job.createdBy}</td>
              <td>
                <time dateTime={job.createdAt}>{new Date(job.createdAt).toLocaleString()}</time>
              </td>
              <td>{duration(job.startedAt, job.finishedAt)}</td>
              <td className={job.status === "failed" ? "error small" : "small"}>{outcome(job)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {jobs.total > jobs.items.length && (
        <p className="muted small">
          The {jobs.items.length} newest of {jobs.total} jobs.
        </p>
      )}
    </div>
  );
}

/** One job: status, outcome and log, re-read while it runs. */
export function JobDetail({ id }: { id: string }) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new job id starts from scratch
  useEffect(() => {
    setJob(null);
    setError(null);
    heading.current?.focus();
  }, [id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick re-reads while the job runs
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    api<Job>(`/api/v1/jobs/${encodeURIComponent(id)}`).then(
      (j) => {
        if (cancelled) return;
        setJob(j);
        setError(null);
        if (running(j)) timer = setTimeout(() => setTick((t) => t + 1), POLL_MS);
      },
      (e) => {
        if (!cancelled) setError(e);
      },
    );
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [id, tick]);
  return (
    <section className="card" aria-labelledby="job-title">
      <h2 id="job-title" ref={heading} tabIndex={-1}>
        Job {job ? `${job.kind} ` : ""}
        <span className="muted small">{id}</span>
      </h2>
      <ErrorNote error={error} />
      {!job && !error && <p className="loading">Loading…</p>}
      {job && (
        <>
          <p aria-live="polite" data-testid="job-status">
            <JobStatusBadge status={job.status} /> {outcome(job)}
          </p>
          <p className="muted small">
            Started by {job.createdBy} · created{" "}
            <time dateTime={job.createdAt}>{new Date(job.createdAt).toLocaleString()}</time>
            {job.finishedAt ? ` · took ${duration(job.startedAt, job.finishedAt)}` : ""}
          </p>
          <h3>Log</h3>
          {job.log.length === 0 ? (
            <p className="muted">Nothing logged yet{running(job) ? " (waiting for its turn)" : ""}.</p>
          ) : (
            <ol className="joblog" aria-label="job log">
              {job.log.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: log lines are append-only and have no id
                <li key={i} className={/^(error|failed|refused):/.test(line.message) ? "error" : undefined}>
                  <time dateTime={line.at}>{new Date(line.at).toLocaleTimeString()}</time>{" "}
                  <span>{line.message}</span>
                </li>
              ))}
            </ol>
          )}
          <button type="button" onClick={() => navigate("scans")}>
            Close
          </button>
        </>
      )}
    </section>
  );
}

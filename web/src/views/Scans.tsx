import { useCallback, useEffect, useState } from "react";
import { api, type CloudAccount, type Page, type Scan, SEVERITIES, type SeverityCounts } from "../api";
import { navigate } from "../nav";
import { Card, ErrorNote, Pager, SeverityBar } from "../ui";
import { duration, JobDetail, JobsTable, useJobs } from "./ScanJobs";
import { contentType, defaultName, kindOf, nameProblem, type UploadKind, uploadPath } from "./scan-upload";

const LIMIT = 20;
const WRITE_HINT = "Starting scans needs an analyst or admin token.";

function optionsText(options: Record<string, unknown> | undefined): string {
  if (!options) return "";
  return Object.entries(options)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`)
    .join(" · ");
}

function Accounts({ canWrite, onStarted }: { canWrite: boolean; onStarted: (jobId: string) => void }) {
  const [accounts, setAccounts] = useState<CloudAccount[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState<string | null>(null);
  useEffect(() => {
    api<{ items: CloudAccount[] }>("/api/v1/accounts").then((r) => setAccounts(r.items), setError);
  }, []);
  const scan = async (name: string) => {
    setStarting(name);
    try {
      const { jobId } = await api<{ jobId: string }>("/api/v1/scans", {
        method: "POST",
        body: { account: name },
      });
      setError(null);
      onStarted(jobId);
    } catch (e) {
      setError(e);
    } finally {
      setStarting(null);
    }
  };
  return (
    <Card title="Cloud accounts">
      <ErrorNote error={error} />
      {!accounts && !error && <p className="loading">Loading…</p>}
      {accounts && accounts.length === 0 && (
        <div className="empty" data-testid="accounts-empty">
          <p>No cloud accounts are configured on this server.</p>
          <p className="muted small">
            Start it with <code>mamori serve --accounts accounts.yaml</code>, a list of accounts (name,
            provider <code>aws</code>, <code>azure</code> or <code>gcp</code>, and the options of{" "}
            <code>mamori cloud</code>); credentials come from the server's environment. Each one then gets a
            "Scan now" button here. Snapshots and IaC archives can be uploaded without it.
          </p>
        </div>
      )}
      {accounts && accounts.length > 0 && (
        <>
          {!canWrite && (
            <p id="scan-write-hint" className="muted small">
              {WRITE_HINT}
            </p>
          )}
          <table aria-label="cloud accounts">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Provider</th>
                <th scope="col">Options</th>
                <th scope="col">
                  <span className="sr">Scan</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.name}>
                  <td>{a.name}</td>
                  <td>{a.provider}</td>
                  <td className="small">{optionsText(a.options)}</td>
                  <td>
                    <button
                      type="button"
                      className="nowrap"
                      disabled={!canWrite || starting !== null}
                      aria-describedby={canWrite ? undefined : "scan-write-hint"}
                      aria-label={`Scan ${a.name} now`}
                      onClick={() => scan(a.name)}
                    >
                      {starting === a.name ? "Starting…" : "Scan now"}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}

function Upload({ canWrite, onStarted }: { canWrite: boolean; onStarted: (jobId: string) => void }) {
  const [kind, setKind] = useState<UploadKind>("iac");
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const problem = nameProblem(name.trim());
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) return setError(new Error("File: choose an IaC archive or a snapshot to upload"));
    if (file.size === 0) return setError(new Error(`File: ${file.name} is empty`));
    if (problem) return setError(new Error(problem));
    setSending(true);
    try {
      const target = name.trim() || defaultName(file.name);
      const { jobId } = await api<{ jobId: string }>(uploadPath(kind, target), {
        method: "POST",
        file: { data: file, type: contentType(kind, file.name) },
      });
      setError(null);
      onStarted(jobId);
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Card title="Upload and scan">
      <form className="upload" onSubmit={submit} aria-label="upload a file to scan" noValidate>
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as UploadKind)} disabled={!canWrite}>
            <option value="iac">IaC archive (.tar.gz, .tar, .zip)</option>
            <option value="snapshot">Snapshot of resources (.json, .jsonl, .yaml)</option>
          </select>
        </label>
        <label>
          File
          <input
            type="file"
            accept={
              kind === "iac"
                ? ".tar.gz,.tgz,.tar,.zip"
                : ".json,.jsonl,.ndjson,.yaml,.yml,application/json,application/yaml"
            }
            disabled={!canWrite}
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              const guessed = chosen ? kindOf(chosen.name) : undefined;
              if (guessed) setKind(guessed);
            }}
          />
        </label>
        <label>
          Name (target; uploads of the same name resolve each other's findings)
          <input
            type="text"
            value={name}
            placeholder={file ? defaultName(file.name) : "e.g. acme-infra"}
            aria-invalid={problem ? true : undefined}
            disabled={!canWrite}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <div>
          <button
            type="submit"
            disabled={!canWrite || sending}
            aria-describedby={canWrite ? undefined : "upload-write-hint"}
          >
            {sending ? "Uploading…" : "Upload and scan"}
          </button>
        </div>
        {!canWrite && (
          <p id="upload-write-hint" className="muted small">
            {WRITE_HINT}
          </p>
        )}
        {problem && <p className="error small">{problem}</p>}
        <ErrorNote error={error} />
        <p className="muted small">
          At most 64 MiB. Archives are unpacked in a private temporary folder and scanned like{" "}
          <code>mamori iac</code>; snapshots like <code>mamori scan</code>.
        </p>
      </form>
    </Card>
  );
}

function Failing({ counts }: { counts: Partial<SeverityCounts> | undefined }) {
  if (!counts) return null;
  const full = Object.fromEntries(SEVERITIES.map((s) => [s, counts[s] ?? 0])) as SeverityCounts;
  const total = SEVERITIES.reduce((n, s) => n + full[s], 0);
  return (
    <span className="failing">
      <span>{total}</span> {total > 0 && <SeverityBar counts={full} />}
    </span>
  );
}

function History({ version }: { version: number }) {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<Scan> | null>(null);
  const [error, setError] = useState<unknown>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version re-reads after a job ends
  useEffect(() => {
    api<Page<Scan>>(`/api/v1/scans?limit=${LIMIT}&offset=${offset}`).then((p) => {
      setPage(p);
      setError(null);
    }, setError);
  }, [offset, version]);
  return (
    <Card title="Scan history">
      <ErrorNote error={error} />
      {!page && !error && <p className="loading">Loading…</p>}
      {page && page.total === 0 && <p className="muted">No scans recorded yet.</p>}
      {page && page.total > 0 && (
        <>
          <div className="scroll">
            <table aria-label="scan history">
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Target</th>
                  <th scope="col">Status</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Resources</th>
                  <th scope="col">Failing</th>
                  <th scope="col">New / resolved</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((s) => (
                  <tr key={s.id} data-scan={s.id}>
                    <td>
                      <time dateTime={s.startedAt}>{new Date(s.startedAt).toLocaleString()}</time>
                    </td>
                    <td>{s.kind}</td>
                    <td className="wrap">{s.target}</td>
                    <td>
                      <span className={`badge job-${s.status}`}>{s.status}</span>
                      {s.error && <p className="error small">{s.error}</p>}
                    </td>
                    <td>{duration(s.startedAt, s.finishedAt)}</td>
                    <td>{s.summary?.resources ?? ""}</td>
                    <td>
                      <Failing counts={s.summary?.failedBySeverity} />
                    </td>
                    <td>
                      {s.changes ? `${s.changes.new + s.changes.reopened} / ${s.changes.resolved}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager total={page.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        </>
      )}
    </Card>
  );
}

/**
 * Scans: configured accounts to scan now, an upload form for IaC archives
 * and snapshots, the background jobs (re-read while one runs) with one
 * job's log, and the history of recorded scans.
 */
export function ScansView({ params, canWrite }: { params: URLSearchParams; canWrite: boolean }) {
  const selected = params.get("job");
  const [historyVersion, setHistoryVersion] = useState(0);
  const onFinished = useCallback(() => setHistoryVersion((v) => v + 1), []);
  const { jobs, error, refresh } = useJobs(onFinished);
  const started = (jobId: string) => {
    refresh();
    navigate("scans", { job: jobId });
  };
  return (
    <div>
      <h1>Scans</h1>
      <div className="grid">
        <Accounts canWrite={canWrite} onStarted={started} />
        <Upload canWrite={canWrite} onStarted={started} />
      </div>
      {selected && <JobDetail key={selected} id={selected} />}
      <Card title="Jobs">
        <ErrorNote error={error} />
        {!jobs && !error && <p className="loading">Loading…</p>}
        {jobs && <JobsTable jobs={jobs} selected={selected} />}
      </Card>
      <History version={historyVersion} />
    </div>
  );
}

import { useEffect, useState } from "react";
import { api, type Incident, type IncidentDetail, type Page, queryString } from "../api";
import { ErrorNote, Pager } from "../ui";

const LIMIT = 25;
const PRIORITIES = ["EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFORMATIONAL", "DEBUG"];

function duration(first: string, last: string): string {
  const seconds = Math.round((Date.parse(last) - Date.parse(first)) / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** The alerts of one incident, loaded when it is expanded. */
function IncidentAlerts({ id }: { id: string }) {
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<IncidentDetail>(`/api/v1/incidents/${encodeURIComponent(id)}`).then(setDetail, setError);
  }, [id]);
  if (error) return <ErrorNote error={error} />;
  if (!detail) return <p className="loading">Loading…</p>;
  return (
    <ol className="timeline nested" aria-label={`alerts of incident ${id}`}>
      {detail.items.map((a) => (
        <li key={a.id} className={`prio-${a.priority.toLowerCase()}`}>
          <time dateTime={a.time}>{new Date(a.time).toLocaleString()}</time>
          <strong>{a.rule}</strong> <span className="badge">{a.priority.toLowerCase()}</span>{" "}
          <span className="muted small">
            {a.source}
            {a.hostname ? ` · ${a.hostname}` : ""}
          </span>
          <p className="small">{a.output}</p>
        </li>
      ))}
    </ol>
  );
}

/**
 * Incidents on a timeline: each row places the incident's span within the
 * span of the page, so bursts and overlaps between actors show at a glance.
 */
export function IncidentsView({ params }: { params: URLSearchParams }) {
  const [priority, setPriority] = useState(params.get("priority") ?? "");
  const [status, setStatus] = useState(params.get("status") ?? "");
  const [q, setQ] = useState(params.get("q") ?? "");
  const [since, setSince] = useState("");
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<Incident> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(params.get("id"));
  useEffect(() => {
    const timer = setTimeout(() => {
      api<Page<Incident>>(
        `/api/v1/incidents${queryString({
          priority: priority ? [priority] : undefined,
          status,
          q: q.trim(),
          since: since ? new Date(`${since}T00:00:00Z`).toISOString() : undefined,
          limit: LIMIT,
          offset,
        })}`,
      ).then((p) => {
        setPage(p);
        setError(null);
      }, setError);
    }, 150);
    return () => clearTimeout(timer);
  }, [priority, status, q, since, offset]);

  const start = page ? Math.min(...page.items.map((i) => Date.parse(i.first))) : 0;
  const end = page ? Math.max(...page.items.map((i) => Date.parse(i.last))) : 0;
  const span = Math.max(1, end - start);

  return (
    <div>
      <h1>Incidents</h1>
      <p className="muted">
        Alerts of one actor (user, principal, container) less than 15 minutes apart form one incident.
      </p>
      <form className="filters" aria-label="filter incidents" onSubmit={(e) => e.preventDefault()}>
        <label>
          Priority
          <select
            value={priority}
            onChange={(e) => {
              setPriority(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">any</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">any</option>
            <option value="open">open</option>
            <option value="closed">closed</option>
          </select>
        </label>
        <label>
          Since
          <input
            type="date"
            value={since}
            onChange={(e) => {
              setSince(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label>
          Search
          <input
            type="search"
            value={q}
            placeholder="actor, rule"
            onChange={(e) => {
              setQ(e.target.value);
              setOffset(0);
            }}
          />
        </label>
      </form>
      <ErrorNote error={error} />
      {!page && !error && <p className="loading">Loading…</p>}
      {page && page.total === 0 && <p>No incidents match. Alerts become incidents as they are ingested.</p>}
      {page && page.total > 0 && (
        <>
          <p className="muted" data-testid="incidents-total">
            {page.total} incidents
          </p>
          <ol className="timeline incidents">
            {page.items.map((i) => (
              <li key={i.id} className={`prio-${i.priority.toLowerCase()}`} data-incident={i.id}>
                <time dateTime={i.first}>
                  {new Date(i.first).toLocaleString()} · {duration(i.first, i.last)}
                </time>
                <strong>{i.actor}</strong> <span className="badge">{i.priority.toLowerCase()}</span>{" "}
                <span className={`badge status-${i.status}`}>{i.status}</span>{" "}
                <span className="muted small">
                  {i.sources.join(", ")}
                  {i.hostnames.length > 0 ? ` · ${i.hostnames.join(", ")}` : ""}
                </span>
                <span className="spanbar" aria-hidden="true">
                  <span
                    style={{
                      marginLeft: `${((Date.parse(i.first) - start) / span) * 100}%`,
                      width: `${Math.max(1, ((Date.parse(i.last) - Date.parse(i.first)) / span) * 100)}%`,
                    }}
                  />
                </span>
                <p>
                  {i.rules.map((r) => (
                    <span key={r} className="tag">
                      {r}
                    </span>
                  ))}
                </p>
                <button
                  type="button"
                  className="link"
                  aria-expanded={open === i.id}
                  onClick={() => setOpen(open === i.id ? null : i.id)}
                >
                  {open === i.id ? "Hide" : "Show"} {i.alerts} {i.alerts === 1 ? "alert" : "alerts"}
                </button>
                {open === i.id && <IncidentAlerts id={i.id} />}
              </li>
            ))}
          </ol>
          <Pager total={page.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        </>
      )}
    </div>
  );
}

import { useEffect, useState } from "react";
import { type Alert, api, type Page, queryString } from "../api";
import { ErrorNote, Pager } from "../ui";

const LIMIT = 50;
const PRIORITIES = ["EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFORMATIONAL", "DEBUG"];

export function AlertsView() {
  const [priority, setPriority] = useState("");
  const [q, setQ] = useState("");
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<Alert> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      api<Page<Alert>>(
        `/api/v1/alerts${queryString({ priority: priority ? [priority] : undefined, q: q.trim(), limit: LIMIT, offset })}`,
      ).then(setPage, setError);
    }, 150);
    return () => clearTimeout(timer);
  }, [priority, q, offset]);
  return (
    <div>
      <h1>Alerts</h1>
      <form className="filters" aria-label="filter alerts" onSubmit={(e) => e.preventDefault()}>
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
          Search
          <input
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setOffset(0);
            }}
          />
        </label>
      </form>
      <ErrorNote error={error} />
      {page && page.total === 0 && (
        <p>
          No alerts yet. Point Falco, a Kubernetes audit webhook or an event feed at the ingest endpoints.
        </p>
      )}
      {page && page.total > 0 && (
        <>
          <ol className="timeline">
            {page.items.map((a) => (
              <li key={a.id} className={`prio-${a.priority.toLowerCase()}`}>
                <time dateTime={a.time}>{new Date(a.time).toLocaleString()}</time>
                <strong>{a.rule}</strong> <span className="badge">{a.priority.toLowerCase()}</span>{" "}
                <span className="muted small">
                  {a.source}
                  {a.hostname ? ` · ${a.hostname}` : ""}
                </span>
                <p className="small">{a.output}</p>
                <p>
                  {a.tags.map((t) => (
                    <span key={t} className="tag">
                      {t}
                    </span>
                  ))}
                </p>
              </li>
            ))}
          </ol>
          <Pager total={page.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        </>
      )}
    </div>
  );
}

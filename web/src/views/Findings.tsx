import { useCallback, useEffect, useRef, useState } from "react";
import { api, type Finding, type Page, queryString, SEVERITIES } from "../api";
import { ErrorNote, Pager, SeverityBadge } from "../ui";

const LIMIT = 50;

function MuteDialog({ finding, onDone }: { finding: Finding; onDone: (changed: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [owner, setOwner] = useState("");
  const [expires, setExpires] = useState("");
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const body: Record<string, string> = { reason };
      if (owner) body.owner = owner;
      if (expires) body.expiresAt = new Date(`${expires}T23:59:59Z`).toISOString();
      await api(`/api/v1/findings/${finding.fingerprint}/mute`, { method: "POST", body });
      dialog.current?.close();
      onDone(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <dialog ref={dialog} aria-labelledby="mute-title" onCancel={() => onDone(false)}>
      <form onSubmit={submit} className="dialog-form">
        <h2 id="mute-title">Mute finding</h2>
        <p>
          <strong>{finding.title}</strong> on <code>{finding.resource.id}</code>
        </p>
        <label htmlFor="mute-reason">Reason</label>
        <textarea id="mute-reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
        <label htmlFor="mute-owner">Owner (default: your token's name)</label>
        <input id="mute-owner" value={owner} onChange={(e) => setOwner(e.target.value)} />
        <label htmlFor="mute-expires">Expires on (optional)</label>
        <input id="mute-expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        <ErrorNote error={error} />
        <div className="actions">
          <button type="button" onClick={() => onDone(false)}>
            Cancel
          </button>
          <button type="submit">Mute</button>
        </div>
      </form>
    </dialog>
  );
}

export function FindingsView({ params, canWrite }: { params: URLSearchParams; canWrite: boolean }) {
  const [state, setState] = useState(params.get("state") ?? "open");
  const [severity, setSeverity] = useState(params.get("severity") ?? "");
  const [q, setQ] = useState(params.get("q") ?? "");
  const [provider, setProvider] = useState(params.get("provider") ?? "");
  const [sort, setSort] = useState("severity");
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<Finding> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [muting, setMuting] = useState<Finding | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const load = useCallback(() => {
    const query = queryString({
      state: state ? [state] : undefined,
      severity: severity ? [severity] : undefined,
      q: q.trim() || undefined,
      provider: provider || undefined,
      sort,
      order: sort === "last_seen" ? "desc" : "asc",
      limit: LIMIT,
      offset,
    });
    api<Page<Finding>>(`/api/v1/findings${query}`).then((p) => {
      setPage(p);
      setError(null);
    }, setError);
  }, [state, severity, q, provider, sort, offset]);

  useEffect(() => {
    const timer = setTimeout(load, 150);
    return () => clearTimeout(timer);
  }, [load]);

  const unmute = async (f: Finding) => {
    try {
      await api(`/api/v1/findings/${f.fingerprint}/mute`, { method: "DELETE" });
      load();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div>
      <h1>Findings</h1>
      <form className="filters" aria-label="filter findings" onSubmit={(e) => e.preventDefault()}>
        <label>
          State
          <select
            value={state}
            onChange={(e) => {
              setState(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">any</option>
            <option value="open">open</option>
            <option value="muted">muted</option>
            <option value="resolved">resolved</option>
          </select>
        </label>
        <label>
          Severity
          <select
            value={severity}
            onChange={(e) => {
              setSeverity(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Provider
          <select
            value={provider}
            onChange={(e) => {
              setProvider(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">any</option>
            <option value="aws">aws</option>
            <option value="azure">azure</option>
            <option value="gcp">gcp</option>
            <option value="kubernetes">kubernetes</option>
          </select>
        </label>
        <label>
          Search
          <input
            type="search"
            value={q}
            placeholder="title, check, resource"
            onChange={(e) => {
              setQ(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label>
          Sort by
          <select value={sort} onChange={(e) => setSort(e.target.value)}>
            <option value="severity">severity</option>
            <option value="last_seen">last seen</option>
            <option value="check_id">check</option>
            <option value="resource_id">resource</option>
          </select>
        </label>
      </form>
      <ErrorNote error={error} />
      {page && (
        <>
          <p className="muted" data-testid="findings-total">
            {page.total} findings
          </p>
          <table className="findings">
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Finding</th>
                <th scope="col">Resource</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="sr">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((f) => (
                <tr key={f.fingerprint} data-state={f.state}>
                  <td>
                    <SeverityBadge severity={f.severity} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-expanded={open === f.fingerprint}
                      onClick={() => setOpen(open === f.fingerprint ? null : f.fingerprint)}
                    >
                      {f.title}
                    </button>
                    <div className="muted small">{f.checkId}</div>
                    {open === f.fingerprint && (
                      <div className="details">
                        <p>{f.message}</p>
                        {f.remediation && (
                          <p>
                            <strong>Fix:</strong> {f.remediation}
                          </p>
                        )}
                        <pre>{JSON.stringify(f.evidence, null, 2)}</pre>
                        <p className="muted small">
                          first seen {new Date(f.firstSeen).toLocaleString()} · last seen{" "}
                          {new Date(f.lastSeen).toLocaleString()}
                        </p>
                      </div>
                    )}
                  </td>
                  <td>
                    <a
                      href={`#/inventory?type=${encodeURIComponent(f.resource.type)}&id=${encodeURIComponent(f.resource.id)}`}
                    >
                      {f.resource.name}
                    </a>
                    <div className="muted small">
                      {f.resource.provider} {f.resource.account} {f.resource.region}
                    </div>
                  </td>
                  <td>
                    {f.state}
                    {f.mute && (
                      <div className="muted small">
                        by {f.mute.owner}: {f.mute.reason}
                        {f.mute.expiresAt && ` (until ${new Date(f.mute.expiresAt).toLocaleDateString()})`}
                      </div>
                    )}
                  </td>
                  <td>
                    {canWrite && f.state === "open" && (
                      <button
                        type="button"
                        onClick={() => setMuting(f)}
                        aria-label={`Mute ${f.title} on ${f.resource.name}`}
                      >
                        Mute
                      </button>
                    )}
                    {canWrite && f.state === "muted" && f.mute?.id && (
                      <button
                        type="button"
                        onClick={() => unmute(f)}
                        aria-label={`Unmute ${f.title} on ${f.resource.name}`}
                      >
                        Unmute
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager total={page.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        </>
      )}
      {muting && (
        <MuteDialog
          finding={muting}
          onDone={(changed) => {
            setMuting(null);
            if (changed) load();
          }}
        />
      )}
    </div>
  );
}

import { useEffect, useState } from "react";
import { api, type Control, download } from "../api";
import { navigate } from "../nav";
import { ErrorNote, Score } from "../ui";

interface Framework {
  id: string;
  name: string;
  score: number | null;
  controls: number;
  counts: Record<string, number>;
}

interface Evidence {
  resourceId: string;
  resourceType: string;
  resourceName: string;
  checkId: string;
  status: string;
  state: string;
  message: string;
}

function ControlDetail({ framework, control }: { framework: string; control: string }) {
  const [detail, setDetail] = useState<(Control & { evidence: Evidence[] }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<Control & { evidence: Evidence[] }>(
      `/api/v1/compliance/frameworks/${encodeURIComponent(framework)}/controls/${encodeURIComponent(control)}`,
    ).then(setDetail, setError);
  }, [framework, control]);
  if (error) return <ErrorNote error={error} />;
  if (!detail) return <p className="loading">Loading…</p>;
  return (
    <section aria-label={`control ${detail.id}`} className="card">
      <h2>
        {detail.id} {detail.title}
      </h2>
      <p>
        Status <strong className={`status-${detail.status}`}>{detail.status}</strong> · checks{" "}
        {detail.checkIds.join(", ") || "none (manual)"}
      </p>
      {detail.evidence.length === 0 ? (
        <p className="muted">No current finding of this control's checks.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col">Check</th>
              <th scope="col">Result</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {detail.evidence.map((e) => (
              <tr key={`${e.checkId} ${e.resourceId}`}>
                <td>
                  <a
                    href={`#/inventory?type=${encodeURIComponent(e.resourceType)}&id=${encodeURIComponent(e.resourceId)}`}
                  >
                    {e.resourceName}
                  </a>
                </td>
                <td>{e.checkId}</td>
                <td className={`status-${e.status}`}>
                  {e.status}
                  {e.state === "muted" ? " (muted)" : ""}
                </td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ComplianceView({ params }: { params: URLSearchParams }) {
  const [frameworks, setFrameworks] = useState<Framework[] | null>(null);
  const [controls, setControls] = useState<Control[] | null>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<unknown>(null);
  const selected = params.get("framework") ?? frameworks?.[0]?.id ?? null;
  const control = params.get("control");

  useEffect(() => {
    api<{ items: Framework[] }>("/api/v1/compliance/frameworks").then(
      (r) => setFrameworks(r.items),
      setError,
    );
  }, []);
  useEffect(() => {
    if (!selected) return;
    api<{ items: Control[] }>(`/api/v1/compliance/frameworks/${encodeURIComponent(selected)}/controls`).then(
      (r) => setControls(r.items),
      setError,
    );
  }, [selected]);

  const report = (format: string) => {
    if (!selected) return;
    download(
      `/api/v1/compliance/frameworks/${encodeURIComponent(selected)}/report?format=${format}`,
      format === "html",
    ).catch(setError);
  };

  return (
    <div>
      <h1>Compliance</h1>
      <ErrorNote error={error} />
      <ul className="frameworks">
        {frameworks?.map((f) => (
          <li key={f.id}>
            <a
              href={`#/compliance?framework=${encodeURIComponent(f.id)}`}
              aria-current={f.id === selected ? "true" : undefined}
            >
              {f.name} <Score value={f.score} />
            </a>
            <span className="muted small">
              {" "}
              {f.counts.pass} pass · {f.counts.fail} fail · {f.counts.manual} manual · {f.counts.no_data} no
              data
            </span>
          </li>
        ))}
      </ul>
      {selected && (
        <div className="actions">
          <span>Report:</span>
          <button type="button" onClick={() => report("html")}>
            Open HTML
          </button>
          <button type="button" onClick={() => report("csv")}>
            Download CSV
          </button>
          <button type="button" onClick={() => report("json")}>
            Download JSON
          </button>
          <label>
            Show
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">all controls</option>
              <option value="fail">failing</option>
              <option value="pass">passing</option>
              <option value="manual">manual</option>
              <option value="no_data">no data</option>
            </select>
          </label>
        </div>
      )}
      {selected && control && <ControlDetail framework={selected} control={control} />}
      {controls && (
        <table>
          <thead>
            <tr>
              <th scope="col">Control</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Failing</th>
              <th scope="col">Passing</th>
            </tr>
          </thead>
          <tbody>
            {controls
              .filter((c) => !status || c.status === status)
              .map((c) => (
                <tr key={c.id}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        selected && navigate("compliance", { framework: selected, control: c.id })
                      }
                    >
                      {c.id}
                    </button>
                  </td>
                  <td>{c.title}</td>
                  <td className={`status-${c.status}`}>{c.status}</td>
                  <td>{c.failingResources}</td>
                  <td>{c.passingResources}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

import { useEffect, useState } from "react";
import { api, SEVERITIES, type Summary, type TrendPoint } from "../api";
import { navigate } from "../nav";
import { Card, ErrorNote, Score, SeverityBadge, SeverityBar } from "../ui";

export function OverviewView() {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [trend, setTrend] = useState<TrendPoint[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<Summary>("/api/v1/posture/summary").then(setSummary, setError);
    api<{ items: TrendPoint[] }>("/api/v1/posture/trend").then((t) => setTrend(t.items), setError);
  }, []);
  if (error) return <ErrorNote error={error} />;
  if (!summary) return <p className="loading">Loading…</p>;
  const open = summary.findings.open;
  const totalOpen = SEVERITIES.reduce((n, s) => n + open[s], 0);
  const max = Math.max(1, ...trend.map((p) => SEVERITIES.reduce((n, s) => n + p.open[s], 0)));
  return (
    <div className="grid">
      <h1 className="full">Overview</h1>
      <Card title="Open findings by severity">
        <p className="big" data-testid="open-findings">
          {totalOpen}
        </p>
        <SeverityBar counts={open} />
        <ul className="sevlist">
          {SEVERITIES.map((s) => (
            <li key={s}>
              <a href={`#/findings?state=open&severity=${s}`}>
                <SeverityBadge severity={s} /> <strong>{open[s]}</strong>
              </a>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Compliance by framework">
        <table>
          <thead>
            <tr>
              <th scope="col">Framework</th>
              <th scope="col">Score</th>
              <th scope="col">Failing controls</th>
            </tr>
          </thead>
          <tbody>
            {summary.frameworks.map((f) => (
              <tr key={f.id}>
                <td>
                  <a href={`#/compliance?framework=${encodeURIComponent(f.id)}`}>{f.name}</a>
                </td>
                <td>
                  <Score value={f.score} />
                </td>
                <td>{f.controls.fail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="Posture by cloud">
        <table>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Score</th>
              <th scope="col">Resources</th>
              <th scope="col">Open</th>
            </tr>
          </thead>
          <tbody>
            {summary.providers.map((p) => (
              <tr key={p.provider}>
                <td>{p.provider}</td>
                <td>
                  <Score value={p.score} />
                </td>
                <td>{p.resources}</td>
                <td>
                  <SeverityBar counts={p.openFindings} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>By account</h3>
        <table>
          <tbody>
            {summary.accounts.map((a) => (
              <tr key={a.account}>
                <td>
                  {a.provider} {a.account}
                </td>
                <td>
                  <Score value={a.score} />
                </td>
                <td>{a.resources} resources</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="Open findings over scans">
        {trend.length === 0 ? (
          <p>No completed scan yet.</p>
        ) : (
          <ol className="trend" aria-label="open findings per scan, oldest first">
            {trend.map((p) => {
              const n = SEVERITIES.reduce((sum, s) => sum + p.open[s], 0);
              return (
                <li key={p.scanId} title={`${new Date(p.at).toLocaleString()} — ${p.scope}: ${n} open`}>
                  <span className="trendbar" style={{ height: `${Math.round((100 * n) / max)}%` }} />
                  <span className="sr">
                    {new Date(p.at).toLocaleString()}: {n} open
                  </span>
                </li>
              );
            })}
          </ol>
        )}
        <p className="muted">
          {summary.scans} scans · {summary.resources} resources · last scan{" "}
          {summary.lastScanAt ? new Date(summary.lastScanAt).toLocaleString() : "never"}
        </p>
      </Card>
      <Card title="Riskiest resources">
        <table className="full">
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col">Type</th>
              <th scope="col">Open findings</th>
              <th scope="col">Risk</th>
            </tr>
          </thead>
          <tbody>
            {summary.topResources.map((r) => (
              <tr key={`${r.type} ${r.id}`}>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => navigate("inventory", { type: r.type, id: r.id })}
                  >
                    {r.name}
                  </button>
                </td>
                <td>{r.type}</td>
                <td>{r.openFindings}</td>
                <td>{r.risk}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

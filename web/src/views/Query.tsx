import { useState } from "react";
import { api } from "../api";
import { ErrorNote } from "../ui";

interface Result {
  columns: string[];
  rows: Record<string, unknown>[];
  truncated: boolean;
}

const EXAMPLE =
  "select severity, count(*) from findings where state = 'open' group by severity order by 2 desc";

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export function QueryView({ canQuery }: { canQuery: boolean }) {
  const [sql, setSql] = useState(EXAMPLE);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  if (!canQuery) return <p>The SQL console needs an analyst or admin token.</p>;
  const run = async (event?: React.FormEvent) => {
    event?.preventDefault();
    setRunning(true);
    try {
      setResult(await api<Result>("/api/v1/query", { method: "POST", body: { sql, maxRows: 1000 } }));
      setError(null);
    } catch (e) {
      setError(e);
      setResult(null);
    } finally {
      setRunning(false);
    }
  };
  return (
    <div>
      <h1>Query</h1>
      <form onSubmit={run} aria-label="SQL query">
        <label htmlFor="sql">
          One read-only SQL statement on the views <code>findings</code>, <code>resources</code>,{" "}
          <code>resource_history</code>, <code>scans</code>, <code>controls</code>, <code>mutes</code>{" "}
          (Ctrl+Enter runs it)
        </label>
        <textarea
          id="sql"
          className="sql"
          value={sql}
          spellCheck={false}
          onChange={(e) => setSql(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run();
          }}
        />
        <button type="submit" disabled={running}>
          {running ? "Running…" : "Run"}
        </button>
      </form>
      <ErrorNote error={error} />
      {result && (
        <>
          <p className="muted">
            {result.rows.length} rows{result.truncated ? " (cut at the row limit)" : ""}
          </p>
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  {result.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: query rows have no identity of their own
                  <tr key={i}>
                    {result.columns.map((c) => (
                      <td key={c}>{cell(row[c])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

import type { ReactNode } from "react";
import type { Severity } from "./api";

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge sev-${severity}`}>{severity}</span>;
}

export function Score({ value }: { value: number | null }) {
  if (value === null) return <span className="score none">n/a</span>;
  const level = value >= 80 ? "good" : value >= 50 ? "fair" : "poor";
  return <span className={`score ${level}`}>{value}%</span>;
}

export function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {error instanceof Error ? error.message : String(error)}
    </p>
  );
}

export function Pager({
  total,
  limit,
  offset,
  onChange,
}: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
}) {
  const last = Math.min(total, offset + limit);
  return (
    <nav className="pager" aria-label="pages">
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        ← Previous
      </button>
      <span aria-live="polite">
        {total === 0 ? "0" : `${offset + 1}–${last}`} of {total}
      </span>
      <button type="button" disabled={last >= total} onClick={() => onChange(offset + limit)}>
        Next →
      </button>
    </nav>
  );
}

/** Stacked horizontal bar of counts by severity, with the numbers as text for screen readers. */
export function SeverityBar({ counts }: { counts: Record<Severity, number> }) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const order: Severity[] = ["critical", "high", "medium", "low", "info"];
  return (
    <div className="sevbar" role="img" aria-label={order.map((s) => `${counts[s]} ${s}`).join(", ")}>
      {order.map((s) =>
        counts[s] > 0 ? (
          <span key={s} className={`sev-${s}`} style={{ flexGrow: counts[s] / Math.max(1, total) }} />
        ) : null,
      )}
    </div>
  );
}

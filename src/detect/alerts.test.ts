import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AlertPipeline } from "./alerts.js";
import type { Alert } from "./types.js";

const base: Alert = {
  rule: "r",
  priority: "WARNING",
  time: "2026-01-01T00:00:00.000Z",
  output: "o",
  source: "aws_cloudtrail",
  tags: [],
  fields: { "ct.user": "alice" },
};
const t0 = Date.parse("2026-01-01T00:00:00Z");

describe("alert pipeline (event time, deterministic)", () => {
  it("suppresses identical alerts within the dedup window, not after it", () => {
    const p = new AlertPipeline({ dedupWindowSeconds: 60 });
    assert.ok(p.accept(base, { timeMs: t0 }));
    assert.equal(p.accept(base, { timeMs: t0 + 30_000 }), undefined);
    assert.ok(p.accept({ ...base, fields: { "ct.user": "bob" } }, { timeMs: t0 + 30_000 }));
    assert.ok(p.accept(base, { timeMs: t0 + 61_000 }));
    assert.equal(p.counters.deduplicated, 1);
  });

  it("rate-limits per rule per window", () => {
    const p = new AlertPipeline({ dedupWindowSeconds: 0, ratePerRule: 2, rateWindowSeconds: 60 });
    const results = [0, 1, 2, 3].map((i) => p.accept({ ...base, fields: { i } }, { timeMs: t0 + i * 1000 }));
    assert.deepEqual(results.map(Boolean), [true, true, false, false]);
    assert.ok(p.accept({ ...base, rule: "other" }, { timeMs: t0 + 4000 }));
    assert.ok(p.accept({ ...base, fields: { i: 9 } }, { timeMs: t0 + 61_000 }));
    assert.equal(p.counters.rateLimited, 2);
  });

  it("groups an actor's alerts into one incident until a gap longer than the window", () => {
    const p = new AlertPipeline({ dedupWindowSeconds: 0, incidentWindowSeconds: 600 });
    const a = p.accept(base, { timeMs: t0, actor: "arn:alice", resource: "bucket-1" });
    const b = p.accept(
      { ...base, rule: "r2", priority: "CRITICAL" },
      { timeMs: t0 + 300_000, actor: "arn:alice", resource: "bucket-2" },
    );
    const other = p.accept(base, { timeMs: t0 + 300_000, actor: "arn:bob" });
    const c = p.accept(base, { timeMs: t0 + 2_000_000, actor: "arn:alice" });
    assert.equal(a?.incident, b?.incident);
    assert.notEqual(a?.incident, other?.incident);
    assert.notEqual(a?.incident, c?.incident);
    const first = p.incidents().find((i) => i.id === a?.incident);
    assert.deepEqual(first?.resources, ["bucket-1", "bucket-2"]);
    assert.deepEqual(first?.rules, ["r", "r2"]);
    assert.equal(first?.priority, "CRITICAL");
    assert.equal(first?.alerts, 2);
    assert.equal(p.incidentCount, 3);
    // Same input, same ids: ids come from actor and event time, not the clock.
    const again = new AlertPipeline({ dedupWindowSeconds: 0, incidentWindowSeconds: 600 });
    assert.equal(again.accept(base, { timeMs: t0, actor: "arn:alice" })?.incident, a?.incident);
  });
});

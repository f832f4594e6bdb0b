// One measured command of the server-api scenario: opens the store (PGlite
// folder or PostgreSQL schema), starts the real server on a free port, sends
// a fixed sequence of API requests over HTTP one at a time and records each
// request's latency. Usage: _server-api-load.ts <pglite DIR | postgres URL SCHEMA> <out.json>
import { writeFileSync } from "node:fs";
import { buildServer } from "../../src/server/app.js";
import { createToken } from "../../src/server/tokens.js";
import { openStore } from "../../src/store/index.js";

const [driver, target, third, fourth] = process.argv.slice(2);
const out = driver === "postgres" ? fourth : third;
if (!driver || !target || !out)
  throw new Error("usage: _server-api-load.ts pglite DIR OUT | postgres URL SCHEMA OUT");
const store =
  driver === "postgres"
    ? await openStore({ databaseUrl: target, schema: third ?? "" })
    : await openStore({ dataDir: target });
const { token } = await createToken(store.db, { name: "bench", role: "viewer" });
const app = await buildServer({ store, logger: false });
const base = await app.listen({ host: "127.0.0.1", port: 0 });

const REQUESTS = 40;
const cases: Record<string, (i: number) => string> = {
  "findings: open, by severity, page": (i) =>
    `/api/v1/findings?state=open&limit=50&offset=${(i * 50) % 5000}`,
  "findings: filter severity+provider": (i) =>
    `/api/v1/findings?state=open&severity=critical&severity=high&provider=${["aws", "azure", "gcp"][i % 3]}&limit=50`,
  "findings: free text": (i) => `/api/v1/findings?q=res-${1000 + i}&limit=50`,
  "resources: by type and tag": (i) =>
    `/api/v1/resources?type=aws.s3.bucket&tag=env%3Dprod&limit=50&offset=${(i * 50) % 5000}`,
  "resources: free text": (i) => `/api/v1/resources?q=res-${2000 + i}&limit=50`,
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const results: Record<string, { p50: number; p99: number; max: number; requests: number }> = {};
for (const [label, url] of Object.entries(cases)) {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(`${base}${url(i)}`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url(i)}: HTTP ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  results[label] = {
    p50: round(percentile(times, 50)),
    p99: round(percentile(times, 99)),
    max: round(times.at(-1) ?? 0),
    requests: REQUESTS,
  };
}
writeFileSync(out, JSON.stringify({ driver, results }, null, 2));
await app.close();
await store.close();

// One measured command of the server-ingest scenario: starts the real server
// with the built-in detection rules on a fresh PGlite folder and posts
// Kubernetes audit EventLists to the webhook over HTTP, one batch at a time.
// Usage: _server-ingest-load.ts <events.json> <dataDir> <out.json>
import { readFileSync, writeFileSync } from "node:fs";
import { buildServer } from "../../src/server/app.js";
import { loadDetection } from "../../src/server/detection-engine.js";
import { createToken } from "../../src/server/tokens.js";
import { openStore } from "../../src/store/index.js";

const [eventsFile, dataDir, out] = process.argv.slice(2);
if (!eventsFile || !dataDir || !out) throw new Error("usage: _server-ingest-load.ts EVENTS DATA_DIR OUT");
const batches = JSON.parse(readFileSync(eventsFile, "utf8")) as unknown[];
const store = await openStore({ dataDir });
const { token } = await createToken(store.db, { name: "bench", role: "ingest" });
const detection = loadDetection();
const app = await buildServer({ store, logger: false, detection: detection.engine, bodyLimit: 1024 * 1024 });
const base = await app.listen({ host: "127.0.0.1", port: 0 });
let events = 0;
let alerts = 0;
const started = performance.now();
for (const batch of batches) {
  const response = await fetch(`${base}/api/v1/ingest/k8s-audit`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(batch),
  });
  const result = (await response.json()) as { received: number; alerts: number };
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${JSON.stringify(result)}`);
  events += result.received;
  alerts += result.alerts;
}
const seconds = (performance.now() - started) / 1000;
writeFileSync(
  out,
  JSON.stringify({
    events,
    alerts,
    rules: detection.rules,
    seconds,
    eventsPerSecond: Math.round(events / seconds),
  }),
);
await app.close();
await store.close();

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { openStore } from "../../src/store/index.js";
import type { BenchCommand, RunInfo } from "../lib/scenario.js";
import { FINDINGS_PER_RESOURCE, fillStore, RESOURCES } from "./_server-api-data.js";

const DATABASE_URL = process.env.MAMORI_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const SCHEMA = "mamori_bench_server_api";
const RESULTS = join(import.meta.dirname, "..", "results");

export const name = "server-api";
export const description =
  `mamori serve API latency with ${(RESOURCES * FINDINGS_PER_RESOURCE).toLocaleString("en-US")} findings and ` +
  `${RESOURCES.toLocaleString("en-US")} resources: 5 × 40 sequential requests (findings list, filters, ` +
  "free text, resource search) over HTTP on PGlite and on PostgreSQL; per-request p50/p99 are recorded in " +
  "bench/results/server-api-latency.json";

/** Fills a PGlite folder and a PostgreSQL schema with the same corpus through the store's write path. */
export async function prepare(workDir: string): Promise<void> {
  const lite = await openStore({ dataDir: join(workDir, "pglite") });
  try {
    await fillStore(lite);
  } finally {
    await lite.close();
  }
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`drop schema if exists "${SCHEMA}" cascade`);
  await client.end();
  const server = await openStore({ databaseUrl: DATABASE_URL, schema: SCHEMA });
  try {
    await fillStore(server);
  } finally {
    await server.close();
  }
}

const LOAD = join(import.meta.dirname, "_server-api-load.ts");

export function commands(workDir: string, run: RunInfo): BenchCommand[] {
  const tag = run.warmup ? "warmup" : String(run.index);
  const record = (driver: string) => async () => {
    // The latencies of the last counted run of each driver go to the results folder.
    if (run.warmup) return;
    const latest = JSON.parse(readFileSync(join(workDir, `${driver}-${tag}.json`), "utf8"));
    const file = join(RESULTS, "server-api-latency.json");
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      all = {};
    }
    all[driver] = {
      ...latest,
      resources: RESOURCES,
      findings: RESOURCES * FINDINGS_PER_RESOURCE,
      recordedAt: new Date().toISOString(),
    };
    writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  };
  return [
    {
      label: "API load on PGlite",
      role: "subject",
      argv: [
        "node",
        "--import",
        "tsx",
        LOAD,
        "pglite",
        join(workDir, "pglite"),
        join(workDir, `pglite-${tag}.json`),
      ],
      cleanup: record("pglite"),
    },
    {
      label: "API load on PostgreSQL",
      role: "subject",
      argv: [
        "node",
        "--import",
        "tsx",
        LOAD,
        "postgres",
        DATABASE_URL,
        SCHEMA,
        join(workDir, `postgres-${tag}.json`),
      ],
      cleanup: record("postgres"),
    },
  ];
}

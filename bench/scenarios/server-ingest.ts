import { readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { BenchCommand, RunInfo } from "../lib/scenario.js";

export const BATCHES = 50;
export const BATCH_SIZE = 1000;
const RESULTS = join(import.meta.dirname, "..", "results");
const ROOT = join(import.meta.dirname, "..", "..");

export const name = "server-ingest";
export const description =
  `Kubernetes audit webhook of mamori serve: ${BATCHES} EventLists of ${BATCH_SIZE.toLocaleString("en-US")} events ` +
  "posted over HTTP with the built-in k8s audit rules loaded (PGlite); events/s in bench/results/server-ingest-rate.json";

type Json = Record<string, unknown>;

function merge(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const base = out[key];
    out[key] =
      value && typeof value === "object" && !Array.isArray(value) && base && typeof base === "object"
        ? merge(base as Json, value as Json)
        : value;
  }
  return out;
}

/** Events from the built-in rules' own test cases (matching and not), cycled with unique audit ids. */
export async function prepare(workDir: string): Promise<void> {
  const tests = JSON.parse(readFileSync(join(ROOT, "rules", "k8s", "tests", "audit.json"), "utf8")) as {
    defaults: Json;
    cases: { positive?: Json; negative?: Json }[];
  };
  const templates = tests.cases.flatMap((c) =>
    [c.positive, c.negative, c.negative, c.negative].filter((e): e is Json => Boolean(e)),
  );
  const batches = [];
  let n = 0;
  for (let b = 0; b < BATCHES; b++) {
    const items = [];
    for (let i = 0; i < BATCH_SIZE; i++, n++) {
      const event = merge(tests.defaults, templates[n % templates.length] ?? {});
      event.auditID = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
      items.push(event);
    }
    batches.push({ kind: "EventList", apiVersion: "audit.k8s.io/v1", items });
  }
  writeFileSync(join(workDir, "batches.json"), JSON.stringify(batches));
}

export function commands(workDir: string, run: RunInfo): BenchCommand[] {
  const tag = run.warmup ? "warmup" : String(run.index);
  const dataDir = join(workDir, `data-${tag}`);
  const out = join(workDir, `rate-${tag}.json`);
  return [
    {
      label: "k8s audit webhook (PGlite)",
      role: "subject",
      argv: [
        "node",
        "--import",
        "tsx",
        join(import.meta.dirname, "_server-ingest-load.ts"),
        join(workDir, "batches.json"),
        dataDir,
        out,
      ],
      cleanup: async () => {
        await rm(dataDir, { recursive: true, force: true });
        if (run.warmup) return;
        const rate = JSON.parse(readFileSync(out, "utf8"));
        writeFileSync(
          join(RESULTS, "server-ingest-rate.json"),
          `${JSON.stringify({ ...rate, batches: BATCHES, batchSize: BATCH_SIZE, recordedAt: new Date().toISOString() }, null, 2)}\n`,
        );
      },
    },
  ];
}

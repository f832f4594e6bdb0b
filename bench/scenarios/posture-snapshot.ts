import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateAwsResources } from "../lib/aws-resources.js";
import type { BenchCommand, RunInfo } from "../lib/scenario.js";

/** Resources in the generated snapshot. */
export const RESOURCE_COUNT = 20_000;
/** The generator's seed: change it and the input changes, so recorded results are no longer comparable. */
export const SEED = 20_260_101;

export const name = "posture-snapshot";
export const description =
  `mamori scan of a ${RESOURCE_COUNT.toLocaleString("en-US")}-resource AWS snapshot (S3 buckets and security groups, ` +
  "seeded), with and without the embedded store, against reading and parsing the same file";

/**
 * The floor: start node, read the file, JSON.parse it and touch every resource. A scanner of
 * this file cannot do less; everything above it is the scanner's own work (loading its code,
 * validating, running checks, writing the report and the store).
 */
export const FLOOR_SCRIPT =
  'const d=JSON.parse(require("node:fs").readFileSync(process.argv[1],"utf8"));' +
  "let n=0;for(const r of d.resources){n+=r.type.length+r.id.length+Object.keys(r.properties).length}" +
  'if(n===0){console.error("no resources");process.exit(1)}';

export async function prepare(workDir: string): Promise<void> {
  const resources = generateAwsResources(RESOURCE_COUNT, SEED);
  await writeFile(join(workDir, "snapshot.json"), JSON.stringify({ resources }));
  await writeFile(join(workDir, "snapshot.jsonl"), `${resources.map((r) => JSON.stringify(r)).join("\n")}\n`);
}

export function commands(workDir: string, run: RunInfo): BenchCommand[] {
  const snapshot = join(workDir, "snapshot.json");
  // A fresh data folder per run, deleted after it, so every run pays the same store work
  // (create, migrate, write 20,000 resources and their findings).
  const dataDir = join(workDir, `data-${run.warmup ? "warmup" : run.index}`);
  return [
    {
      label: "mamori scan (no store)",
      role: "subject",
      argv: [
        "node",
        "dist/cli/bin.js",
        "scan",
        snapshot,
        "--no-store",
        "--format",
        "json",
        "--include-passed",
        "--output",
        join(workDir, "out.json"),
      ],
    },
    {
      label: "mamori scan (embedded store)",
      role: "subject",
      argv: [
        "node",
        "dist/cli/bin.js",
        "scan",
        snapshot,
        "--data-dir",
        dataDir,
        "--format",
        "json",
        "--output",
        join(workDir, "out2.json"),
      ],
      cleanup: () => rm(dataDir, { recursive: true, force: true }),
    },
    { label: "read + parse", role: "floor", argv: ["node", "-e", FLOOR_SCRIPT, snapshot] },
  ];
}

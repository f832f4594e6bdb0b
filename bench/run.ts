// The benchmark runner: `npm run bench -- <scenario> [--runs N]`. See docs/benchmarks.md.
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ArgsError, type BenchArgs, parseBenchArgs, USAGE } from "./lib/args.js";
import { CommandFailedError, runScenario } from "./lib/bench.js";
import { measure } from "./lib/measure.js";
import {
  buildResult,
  formatMb,
  formatMs,
  formatTable,
  gitState,
  machineInfo,
  summarize,
} from "./lib/report.js";
import { listScenarios, loadScenario, ScenarioError } from "./lib/scenario.js";

const ROOT = join(import.meta.dirname, "..");
const SCENARIOS = join(import.meta.dirname, "scenarios");
const RESULTS = join(import.meta.dirname, "results");

const log = (message: string) => process.stderr.write(`${message}\n`);

/** A failure to report in one line; exit status 2 for usage errors, 1 otherwise. */
class BenchError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

async function main(argv: string[]): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    if (error instanceof ArgsError) throw new BenchError(`${error.message}; see --help`);
    throw error;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const known = await listScenarios(SCENARIOS);
  if (args.list) {
    for (const name of known)
      process.stdout.write(`${name}\t${(await loadScenario(SCENARIOS, name)).description}\n`);
    return;
  }
  if (args.scenario === undefined)
    throw new BenchError(`name a scenario: ${known.join(", ")} (or --list, --help)`);
  if (!known.includes(args.scenario)) {
    throw new BenchError(
      `unknown scenario "${args.scenario}"; known scenarios: ${known.join(", ") || "(none)"}`,
    );
  }
  const scenario = await loadScenario(SCENARIOS, args.scenario);

  if (args.build) {
    log("bench: npm run build");
    const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
    if (build.status !== 0)
      throw new BenchError(
        `npm run build failed (exit ${build.status ?? build.signal}); nothing was measured`,
        1,
      );
  }

  const workDir = await mkdtemp(join(tmpdir(), `mamori-bench-${scenario.name}-`));
  try {
    log(`bench: preparing ${scenario.name} in ${workDir}`);
    const started = performance.now();
    await scenario.prepare(workDir);
    log(
      `bench: prepared in ${formatMs(performance.now() - started)} ms; ${args.runs} runs + 1 warm-up per command`,
    );

    const runs = await runScenario(scenario, workDir, {
      runs: args.runs,
      measure: (commandArgv) => measure(commandArgv, { cwd: ROOT, timeoutSeconds: args.timeoutSeconds }),
      onRun: ({ run, command, result }) =>
        log(
          `  ${run.warmup ? "warm-up" : `run ${run.index}/${args.runs}`}  ${command.label}: ` +
            `${formatMs(result.wallMs)} ms, ${formatMb(result.peakRssBytes)} MB`,
        ),
    });
    const summaries = summarize(runs);
    const result = buildResult({
      scenario: scenario.name,
      description: scenario.description,
      date: new Date(),
      machine: machineInfo(),
      git: gitState(ROOT),
      runs: args.runs,
      warmupRuns: 1,
      summaries,
      workDir,
    });
    process.stdout.write(`\n${scenario.name}: ${scenario.description}\n\n${formatTable(summaries)}\n\n`);
    await mkdir(RESULTS, { recursive: true });
    const file = join(RESULTS, `${scenario.name}.json`);
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    log(`bench: wrote ${relative(ROOT, file)}`);
  } finally {
    if (args.keep) log(`bench: kept ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof BenchError || error instanceof ScenarioError) log(`bench: ${error.message}`);
  else if (error instanceof CommandFailedError) log(`bench: ${error.message}\nbench: nothing was recorded`);
  else log(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = error instanceof BenchError ? error.exitCode : 1;
});

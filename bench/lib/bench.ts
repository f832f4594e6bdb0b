import type { RunResult } from "./measure.js";
import { type BenchCommand, checkCommands, type Role, type RunInfo, type Scenario } from "./scenario.js";

/** One counted run of one command. */
export interface Sample {
  /** 1..N. */
  run: number;
  wallMs: number;
  peakRssBytes: number;
  userMs: number;
  sysMs: number;
  /** What the command's `counters` read from its standard error, when it has them. */
  counters?: Record<string, number>;
}

/** Everything measured for one command. */
export interface CommandRuns {
  label: string;
  role: Role;
  /** The argv of the first counted run (a scenario may vary paths by run). */
  argv: string[];
  samples: Sample[];
}

export type Measure = (argv: readonly string[]) => Promise<RunResult>;

export interface RunOptions {
  /** Counted runs per command (after one warm-up each). */
  runs: number;
  measure: Measure;
  /** Told about every run, warm-up included. */
  onRun?: (event: { run: RunInfo; command: BenchCommand; result: RunResult }) => void;
}

export class CommandFailedError extends Error {
  override name = "CommandFailedError";
  constructor(
    readonly label: string,
    readonly argv: readonly string[],
    readonly run: RunInfo,
    readonly result: RunResult,
  ) {
    const what = result.failure ?? `exited with status ${result.exitCode}`;
    const when = run.warmup ? "the warm-up run" : `run ${run.index}`;
    const stderr = result.stderr.trim();
    super(
      `command "${label}" ${what} on ${when}\n  argv: ${argv.map(quote).join(" ")}` +
        (stderr ? `\n  stderr:\n${indent(stderr, "    ")}` : "\n  (no stderr)"),
    );
  }
}

const quote = (arg: string): string =>
  /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
const indent = (text: string, prefix: string): string =>
  text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");

/**
 * The order of the runs: one warm-up round (index 0), then `runs` counted rounds, each running
 * every command once. Interleaving rounds (rather than running one command N times, then the
 * next) spreads slow drifts of the machine evenly; each round starts one command later than the
 * previous one, so no command always runs right after the same other one.
 */
export function schedule(commandCount: number, runs: number): { run: RunInfo; command: number }[] {
  const order: { run: RunInfo; command: number }[] = [];
  for (let index = 0; index <= runs; index++) {
    const run = { index, warmup: index === 0 };
    for (let k = 0; k < commandCount; k++)
      order.push({ run, command: (k + Math.max(0, index - 1)) % commandCount });
  }
  return order;
}

/** Runs a prepared scenario: every command once to warm up, then `runs` times, interleaved. */
export async function runScenario(
  scenario: Scenario,
  workDir: string,
  options: RunOptions,
): Promise<CommandRuns[]> {
  if (!Number.isInteger(options.runs) || options.runs < 1)
    throw new RangeError("runs must be a positive integer");
  let first: BenchCommand[] | undefined;
  let current: { index: number; commands: BenchCommand[] } | undefined;
  const commandsFor = (run: RunInfo): BenchCommand[] => {
    if (current?.index === run.index) return current.commands;
    const commands = checkCommands(scenario.commands(workDir, run), scenario.name);
    const signature = (list: BenchCommand[]) => list.map((c) => `${c.label} (${c.role})`).join("\n");
    if (first === undefined) first = commands;
    else if (signature(commands) !== signature(first)) {
      throw new Error(
        `scenario ${scenario.name}: commands() must return the same labels and roles in the same order on every run`,
      );
    }
    current = { index: run.index, commands };
    return commands;
  };

  const results = new Map<string, CommandRuns>();
  for (const { run, command: k } of schedule(commandsFor({ index: 0, warmup: true }).length, options.runs)) {
    const command = commandsFor(run)[k] as BenchCommand;
    let result: RunResult;
    try {
      result = await options.measure(command.argv);
    } finally {
      await command.cleanup?.();
    }
    options.onRun?.({ run, command, result });
    if (result.exitCode !== 0 || result.failure !== undefined) {
      throw new CommandFailedError(command.label, command.argv, run, result);
    }
    if (run.warmup) continue;
    let entry = results.get(command.label);
    if (!entry) {
      entry = { label: command.label, role: command.role, argv: [...command.argv], samples: [] };
      results.set(command.label, entry);
    }
    const { wallMs, peakRssBytes, userMs, sysMs } = result;
    const sample: Sample = { run: run.index, wallMs, peakRssBytes, userMs, sysMs };
    if (command.counters) sample.counters = command.counters(result.stderr);
    entry.samples.push(sample);
  }
  return (first ?? []).map((c) => results.get(c.label) as CommandRuns);
}

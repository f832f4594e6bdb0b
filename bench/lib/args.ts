import { parseArgs } from "node:util";
import { DEFAULT_TIMEOUT_SECONDS } from "./measure.js";

export interface BenchArgs {
  scenario?: string;
  runs: number;
  list: boolean;
  help: boolean;
  /** Keep the temporary work folder (input, outputs) for inspection. */
  keep: boolean;
  /** Skip `npm run build` (measure the dist/ already there). */
  build: boolean;
  /** Per-run limit; a run that takes longer is killed and fails the bench. */
  timeoutSeconds: number;
}

export const DEFAULT_RUNS = 5;
export const MAX_RUNS = 1000;

export const USAGE = `usage: npm run bench -- <scenario> [--runs N] [--keep] [--no-build]
       npm run bench -- --list

  <scenario>   a file bench/scenarios/<scenario>.ts
  --runs N     counted runs per command, after one warm-up run each (default ${DEFAULT_RUNS})
  --list       list the scenarios
  --timeout S  kill a run after S seconds and fail the bench (default ${DEFAULT_TIMEOUT_SECONDS})
  --keep       keep the temporary work folder and print its path
  --no-build   do not run \`npm run build\` first`;

export class ArgsError extends Error {
  override name = "ArgsError";
}

/** Reads the command line; throws ArgsError with a one-line message on bad input. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new ArgsError(
      error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error),
    );
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new ArgsError(`one scenario at a time (got ${positionals.join(", ")})`);
  let runs = DEFAULT_RUNS;
  if (values.runs !== undefined) {
    if (!/^\d+$/.test(values.runs) || Number(values.runs) < 1 || Number(values.runs) > MAX_RUNS) {
      throw new ArgsError(`--runs must be a whole number from 1 to ${MAX_RUNS} (got "${values.runs}")`);
    }
    runs = Number(values.runs);
  }
  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  if (values.timeout !== undefined) {
    if (!/^\d+$/.test(values.timeout) || Number(values.timeout) < 1) {
      throw new ArgsError(
        `--timeout must be a whole number of seconds, at least 1 (got "${values.timeout}")`,
      );
    }
    timeoutSeconds = Number(values.timeout);
  }
  const args: BenchArgs = {
    runs,
    list: values.list === true,
    help: values.help === true,
    keep: values.keep === true,
    build: values["no-build"] !== true,
    timeoutSeconds,
  };
  if (positionals[0] !== undefined) args.scenario = positionals[0];
  return args;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      runs: { type: "string", short: "n" },
      list: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      keep: { type: "boolean" },
      timeout: { type: "string" },
      "no-build": { type: "boolean" },
    },
  });
}

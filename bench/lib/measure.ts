import { execFile } from "node:child_process";

/** One run of one command, as measured by the python3 wrapper. */
export interface RunResult {
  /** Wall time from spawn to exit, monotonic clock. */
  wallMs: number;
  /** Peak resident set size of the command (the largest process it waited for), bytes. */
  peakRssBytes: number;
  /** CPU time spent in user and kernel mode by the command and its waited-for children. */
  userMs: number;
  sysMs: number;
  /** Exit status; null when the command was killed by a signal or could not be started. */
  exitCode: number | null;
  /** The signal that killed it, or the reason it could not start. */
  failure?: string;
  /** The last part of its standard error. */
  stderr: string;
}

export interface MeasureOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The python interpreter; default `python3`. */
  python?: string;
  /** Kill the command and report a failure after this many seconds; default DEFAULT_TIMEOUT_SECONDS. */
  timeoutSeconds?: number;
}

/** A run that takes longer is killed and fails the bench, rather than hanging it. */
export const DEFAULT_TIMEOUT_SECONDS = 600;

/** How many bytes of a command's standard error are kept. */
export const STDERR_TAIL_BYTES = 64 * 1024;

/**
 * The wrapper: runs argv (no shell) with stdout discarded and stderr captured, times it with
 * the monotonic clock, and reads the children's peak RSS with getrusage. A fresh python
 * process per run, so RUSAGE_CHILDREN covers exactly this one command. Linux reports
 * ru_maxrss in KiB, macOS in bytes. A command still running after the timeout is killed (SIGKILL).
 */
export const WRAPPER = `
import json, resource, subprocess, sys, time
argv = json.loads(sys.argv[1])
timeout = float(sys.argv[3])
out = {"exitCode": None, "failure": None, "stderr": ""}
start = time.monotonic_ns()
try:
    proc = subprocess.run(argv, cwd=sys.argv[2], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
    end = time.monotonic_ns()
    if proc.returncode < 0:
        out["failure"] = "killed by signal %d" % -proc.returncode
    else:
        out["exitCode"] = proc.returncode
    out["stderr"] = proc.stderr[-${STDERR_TAIL_BYTES}:].decode("utf-8", "replace")
except subprocess.TimeoutExpired as error:
    end = time.monotonic_ns()
    out["failure"] = "timed out after %g s and was killed" % timeout
    out["stderr"] = (error.stderr or b"")[-${STDERR_TAIL_BYTES}:].decode("utf-8", "replace")
except OSError as error:
    end = time.monotonic_ns()
    out["failure"] = "could not start %s: %s" % (argv[0], error.strerror or error)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
out["wallMs"] = (end - start) / 1e6
out["peakRssBytes"] = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
out["userMs"] = usage.ru_utime * 1000
out["sysMs"] = usage.ru_stime * 1000
sys.stdout.write(json.dumps(out))
`;

/** Runs `argv` once under the wrapper and returns what it measured; rejects only when the wrapper itself fails. */
export function measure(argv: readonly string[], options: MeasureOptions): Promise<RunResult> {
  const python = options.python ?? "python3";
  return new Promise((resolve, reject) => {
    execFile(
      python,
      [
        "-c",
        WRAPPER,
        JSON.stringify(argv),
        options.cwd,
        String(options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
      ],
      { env: options.env ?? process.env, maxBuffer: 4 * STDERR_TAIL_BYTES + 4096 },
      (error, stdout, stderr) => {
        if (error) {
          const why =
            (error as NodeJS.ErrnoException).code === "ENOENT"
              ? `${python} not found`
              : stderr.trim() || error.message;
          reject(new Error(`the measuring wrapper failed: ${why}`));
          return;
        }
        try {
          resolve(parseWrapperOutput(stdout));
        } catch (parseError) {
          reject(parseError);
        }
      },
    );
  });
}

/** Reads the wrapper's JSON line into a RunResult, checking every field. */
export function parseWrapperOutput(text: string): RunResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`the measuring wrapper printed no JSON: ${text.slice(0, 200)}`);
  }
  const v = value as Record<string, unknown>;
  const num = (key: string): number => {
    const n = v[key];
    if (typeof n !== "number" || !Number.isFinite(n) || n < 0)
      throw new Error(`the measuring wrapper gave a bad ${key}: ${String(n)}`);
    return n;
  };
  const result: RunResult = {
    wallMs: num("wallMs"),
    peakRssBytes: num("peakRssBytes"),
    userMs: num("userMs"),
    sysMs: num("sysMs"),
    exitCode: typeof v.exitCode === "number" ? v.exitCode : null,
    stderr: typeof v.stderr === "string" ? v.stderr : "",
  };
  if (typeof v.failure === "string") result.failure = v.failure;
  return result;
}

/** True when the run succeeded (exit status 0). */
export function succeeded(result: RunResult): boolean {
  return result.exitCode === 0 && result.failure === undefined;
}

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import type { CommandRuns, Sample } from "./bench.js";
import type { Role } from "./scenario.js";
import { ratio, type Spread, spread } from "./stats.js";

/** Bytes in the "MB" of the table: 2^20. */
export const MB = 1024 * 1024;

export interface CommandSummary {
  label: string;
  role: Role;
  argv: string[];
  samples: Sample[];
  wallMs: Spread;
  peakRssBytes: Spread;
  /** User + system CPU time. */
  cpuMs: Spread;
}

/** One command against one baseline (a floor, or a peer for a subject): how many times slower and bigger. */
export interface Ratio {
  label: string;
  baseline: string;
  baselineRole: Role;
  /** median wall time / baseline median wall time. */
  wallTime: number | null;
  /** median peak RSS / baseline median peak RSS. */
  peakRss: number | null;
}

export interface Machine {
  cpuModel: string;
  cores: number;
  totalMemoryBytes: number;
  /** The `node` on PATH, which the commands run. */
  nodeVersion: string;
  os: string;
  python: string;
}

export interface GitState {
  commit: string;
  /** Uncommitted changes in the working tree when the bench ran. */
  dirty: boolean;
}

export interface BenchResult {
  scenario: string;
  description: string;
  /** ISO 8601, UTC. */
  date: string;
  machine: Machine;
  git: GitState | null;
  /** Counted runs per command. */
  runs: number;
  /** Uncounted warm-up runs per command, before the counted ones. */
  warmupRuns: number;
  commands: {
    label: string;
    role: Role;
    /** As run, with the temporary work folder written as WORK_DIR. */
    argv: string[];
    samples: Sample[];
    median: { wallMs: number; peakRssBytes: number; cpuMs: number };
    min: { wallMs: number; peakRssBytes: number };
    max: { wallMs: number; peakRssBytes: number };
  }[];
  ratios: Ratio[];
}

export function summarize(runs: readonly CommandRuns[]): CommandSummary[] {
  return runs.map(({ label, role, argv, samples }) => ({
    label,
    role,
    argv,
    samples,
    wallMs: spread(samples.map((s) => s.wallMs)),
    peakRssBytes: spread(samples.map((s) => s.peakRssBytes)),
    cpuMs: spread(samples.map((s) => s.userMs + s.sysMs)),
  }));
}

/** Every subject and peer against every floor, and every subject against every peer. */
export function ratios(summaries: readonly CommandSummary[]): Ratio[] {
  const out: Ratio[] = [];
  const against = (c: CommandSummary, b: CommandSummary): Ratio => ({
    label: c.label,
    baseline: b.label,
    baselineRole: b.role,
    wallTime: ratio(c.wallMs.median, b.wallMs.median),
    peakRss: ratio(c.peakRssBytes.median, b.peakRssBytes.median),
  });
  for (const c of summaries) {
    if (c.role === "floor") continue;
    for (const b of summaries) if (b.role === "floor") out.push(against(c, b));
    if (c.role === "subject") for (const b of summaries) if (b.role === "peer") out.push(against(c, b));
  }
  return out;
}

export const formatMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
export const formatMb = (bytes: number): string => (bytes / MB).toFixed(1);
export const formatRatio = (r: number | null): string => (r === null ? "–" : `${r.toFixed(2)}×`);

/**
 * The side-by-side table, as GitHub Markdown with aligned columns (so it reads in a terminal and
 * pastes into docs/benchmarks.md). "× floor" divides each median wall time by the first floor's.
 */
export function formatTable(summaries: readonly CommandSummary[]): string {
  const floor = summaries.find((s) => s.role === "floor");
  const header = ["command", "role", "median ms", "min ms", "max ms", "peak RSS MB", "× floor"];
  const rows = summaries.map((s) => [
    s.label,
    s.role,
    formatMs(s.wallMs.median),
    formatMs(s.wallMs.min),
    formatMs(s.wallMs.max),
    formatMb(s.peakRssBytes.median),
    formatRatio(floor ? ratio(s.wallMs.median, floor.wallMs.median) : null),
  ]);
  const right = header.map((_, i) => i >= 2);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? `${"-".repeat(w + 1)}:` : `${"-".repeat(w + 2)}`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** The placeholder for the temporary work folder in recorded argv, so results of different runs compare. */
export const WORK_DIR = "<workDir>";

/** `argv` with the work folder's path (where a whole path or a path's start) replaced by WORK_DIR. */
export function portableArgv(argv: readonly string[], workDir: string): string[] {
  const pattern = new RegExp(`${workDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=[/\\\\]|$)`, "g");
  return argv.map((arg) => arg.replace(pattern, WORK_DIR));
}

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

/** The result file's content. */
export function buildResult(input: {
  scenario: string;
  description: string;
  date: Date;
  machine: Machine;
  git: GitState | null;
  runs: number;
  warmupRuns: number;
  summaries: readonly CommandSummary[];
  /** Replaced by WORK_DIR in the recorded argv. */
  workDir?: string;
}): BenchResult {
  return {
    scenario: input.scenario,
    description: input.description,
    date: input.date.toISOString(),
    machine: input.machine,
    git: input.git,
    runs: input.runs,
    warmupRuns: input.warmupRuns,
    commands: input.summaries.map((s) => ({
      label: s.label,
      role: s.role,
      argv: input.workDir === undefined ? s.argv : portableArgv(s.argv, input.workDir),
      samples: s.samples.map((x) => ({
        run: x.run,
        wallMs: round(x.wallMs),
        peakRssBytes: x.peakRssBytes,
        userMs: round(x.userMs),
        sysMs: round(x.sysMs),
        ...(x.counters ? { counters: x.counters } : {}),
      })),
      median: {
        wallMs: round(s.wallMs.median),
        peakRssBytes: s.peakRssBytes.median,
        cpuMs: round(s.cpuMs.median),
      },
      min: { wallMs: round(s.wallMs.min), peakRssBytes: s.peakRssBytes.min },
      max: { wallMs: round(s.wallMs.max), peakRssBytes: s.peakRssBytes.max },
    })),
    ratios: ratios(input.summaries).map((r) => ({
      ...r,
      wallTime: r.wallTime === null ? null : round(r.wallTime),
      peakRss: r.peakRss === null ? null : round(r.peakRss),
    })),
  };
}

/** The `model name` of the first processor in /proc/cpuinfo text (or `Hardware`/`Processor` on ARM boards). */
export function cpuModelFromCpuinfo(text: string): string | undefined {
  for (const key of ["model name", "Hardware", "Processor", "cpu model"]) {
    const match = new RegExp(`^${key}\\s*:\\s*(.+)$`, "m").exec(text);
    if (match?.[1]?.trim()) return match[1].trim();
  }
  return undefined;
}

const run = (file: string, args: string[], cwd?: string): string | undefined => {
  try {
    return execFileSync(file, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch {
    return undefined;
  }
};

/** The machine the bench runs on. */
export function machineInfo(python = "python3"): Machine {
  let cpuinfo = "";
  try {
    cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  } catch {
    // not Linux
  }
  return {
    cpuModel: cpuModelFromCpuinfo(cpuinfo) ?? os.cpus()[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
    nodeVersion: run("node", ["--version"]) ?? process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    python: run(python, ["--version"]) ?? "unknown",
  };
}

/** The checked-out commit and whether the tree has uncommitted changes; null outside a git checkout. */
export function gitState(cwd: string): GitState | null {
  const commit = run("git", ["rev-parse", "HEAD"], cwd);
  if (!commit) return null;
  return { commit, dirty: (run("git", ["status", "--porcelain"], cwd) ?? "") !== "" };
}

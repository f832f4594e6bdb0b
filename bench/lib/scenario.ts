import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

export const ROLES = ["subject", "floor", "peer"] as const;
/**
 * `subject`: what is being measured (Mamori). `floor`: the least any tool must do with the same
 * input (read and parse it). `peer`: another tool doing the same job.
 */
export type Role = (typeof ROLES)[number];

/** Which run `commands()` is asked for: the warm-up (index 0) or counted run 1..N. */
export interface RunInfo {
  index: number;
  warmup: boolean;
}

export interface BenchCommand {
  /** Stable across runs; names the row in the table and the result file. */
  label: string;
  /** Program and arguments, run from the repository root without a shell. */
  argv: string[];
  role: Role;
  /** Called after each run of this command (outside the timing), e.g. to delete what it wrote. */
  cleanup?: () => Promise<void>;
  /**
   * Counts the command reports about its own work (e.g. API calls made), read from its standard
   * error; recorded with each sample so the result file shows that subject and floor did the same work.
   */
  counters?: (stderr: string) => Record<string, number>;
}

export interface Scenario {
  name: string;
  description: string;
  /** Writes the scenario's input into `workDir` (a fresh temporary folder). */
  prepare(workDir: string): Promise<void>;
  /** The commands to compare; called once per run, so arguments may vary by `run` (a fresh output folder). */
  commands(workDir: string, run: RunInfo): BenchCommand[];
}

export class ScenarioError extends Error {
  override name = "ScenarioError";
}

const SCENARIO_FILE = /^([a-z0-9][a-z0-9-]*)\.ts$/;

/** Scenario names from the file names of the scenarios folder: `<name>.ts`, not tests or helpers (`_x.ts`). */
export function scenarioNames(fileNames: readonly string[]): string[] {
  return fileNames
    .filter((file) => !file.endsWith(".test.ts") && !file.endsWith(".d.ts"))
    .map((file) => SCENARIO_FILE.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** The scenario a module exports (as named exports, or as its default export), checked for shape. */
export function asScenario(mod: unknown, file: string): Scenario {
  const candidate = isObject(mod) && isObject(mod.default) ? mod.default : mod;
  if (!isObject(candidate)) throw new ScenarioError(`${file}: does not export a scenario`);
  const problems: string[] = [];
  if (typeof candidate.name !== "string" || candidate.name === "")
    problems.push("name must be a non-empty string");
  if (typeof candidate.description !== "string") problems.push("description must be a string");
  if (typeof candidate.prepare !== "function") problems.push("prepare(workDir) must be a function");
  if (typeof candidate.commands !== "function") problems.push("commands(workDir, run) must be a function");
  const expected = basename(file).replace(/\.ts$/, "");
  if (typeof candidate.name === "string" && candidate.name !== expected) {
    problems.push(`name "${candidate.name}" must match the file name "${expected}"`);
  }
  if (problems.length > 0) throw new ScenarioError(`${file}: ${problems.join("; ")}`);
  return candidate as unknown as Scenario;
}

/** Checks the commands of one run: at least one, unique labels, known roles, non-empty argv. */
export function checkCommands(commands: unknown, scenario: string): BenchCommand[] {
  if (!Array.isArray(commands) || commands.length === 0) {
    throw new ScenarioError(`scenario ${scenario}: commands() must return a non-empty list`);
  }
  const seen = new Set<string>();
  commands.forEach((command: unknown, i) => {
    const where = `scenario ${scenario}: command ${i + 1}`;
    if (!isObject(command)) throw new ScenarioError(`${where} must be an object`);
    const { label, argv, role } = command;
    if (typeof label !== "string" || label === "")
      throw new ScenarioError(`${where}: label must be a non-empty string`);
    if (seen.has(label)) throw new ScenarioError(`${where}: duplicate label "${label}"`);
    seen.add(label);
    if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === "string")) {
      throw new ScenarioError(`${where} (${label}): argv must be a non-empty list of strings`);
    }
    if (!(ROLES as readonly unknown[]).includes(role)) {
      throw new ScenarioError(`${where} (${label}): role must be one of ${ROLES.join(", ")}`);
    }
  });
  return commands as BenchCommand[];
}

/** The names of the scenarios in `dir`. */
export async function listScenarios(dir: string): Promise<string[]> {
  return scenarioNames(await readdir(dir));
}

/** Imports and checks `<dir>/<name>.ts`. */
export async function loadScenario(dir: string, name: string): Promise<Scenario> {
  const file = join(dir, `${name}.ts`);
  return asScenario(await import(pathToFileURL(file).href), file);
}

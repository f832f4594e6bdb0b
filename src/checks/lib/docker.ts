/**
 * Helpers for checks on `docker.image-config` (docs/resource-types.md). The
 * same resource comes from a Dockerfile (with `instructions`) or from an
 * image's config (without): checks of build hygiene read the instructions
 * and are not applicable to an image config.
 */
import type { Resource } from "../../model/index.js";
import { type CheckResult, notApplicable, pass } from "../check.js";

export interface Instruction {
  stage: number;
  keyword: string;
  value: string;
  form: "exec" | "shell";
  exec?: string[];
  flags: Record<string, string | null>;
  heredocs?: Array<{ name: string; body: string }>;
  line: number;
}

export interface InstructionRef {
  instruction: Instruction;
  index: number;
  path: string;
}

export const DOCKER_BEST_PRACTICES = "https://docs.docker.com/build/building/best-practices/";
export const CIS_DOCKER = "https://www.cisecurity.org/benchmark/docker";

/** The Dockerfile's instructions, or undefined for an image config (which has none). */
export function instructionsOf(resource: Resource): InstructionRef[] | undefined {
  const list = resource.properties.instructions;
  if (!Array.isArray(list)) return undefined;
  return (list as Instruction[]).map((instruction, index) => ({
    instruction,
    index,
    path: `instructions[${index}]`,
  }));
}

export const NO_INSTRUCTIONS = (): CheckResult =>
  notApplicable("only a Dockerfile has build instructions; this is an image config", {
    path: "instructions",
  });

/** The shell script a RUN executes: its command line plus any here-document bodies. */
export function script(instruction: Instruction): string {
  const command = instruction.exec ? instruction.exec.join(" ") : instruction.value;
  // Continuations inside a here-document are still shell continuations.
  const bodies = (instruction.heredocs ?? []).map((h) => h.body.replace(/\\\r?\n/g, " "));
  return [command.replace(/<<-?["']?\w+["']?/g, ""), ...bodies].join("\n");
}

/** Simple commands of a script, split on `&&`, `||`, `;`, `|` and new lines; `\` continuations are already joined. */
export function commands(text: string): string[] {
  return text
    .split(/&&|\|\||;|\||\n/)
    .map((c) => c.trim())
    .filter((c) => c !== "");
}

/** Words of a simple command, with a leading `sudo`/`env X=1` dropped so `sudo apt-get` reads as apt-get. */
export function words(command: string): string[] {
  const parts = command.split(/\s+/).filter(Boolean);
  while (
    parts.length > 0 &&
    (parts[0] === "sudo" || parts[0] === "env" || /^[A-Z_][A-Z0-9_]*=/.test(parts[0] ?? ""))
  )
    parts.shift();
  return parts;
}

/** Every RUN instruction. */
export function runs(resource: Resource): InstructionRef[] | undefined {
  return instructionsOf(resource)?.filter((r) => r.instruction.keyword === "RUN");
}

/**
 * The usual shape of an instruction check: each RUN whose script `bad`
 * reports fails, keyed by its index; no such RUN passes.
 */
export function eachRun(
  resource: Resource,
  bad: (script: string, instruction: Instruction) => string | undefined,
  passMessage: string,
  expected: string,
): CheckResult[] {
  const list = runs(resource);
  if (!list) return [NO_INSTRUCTIONS()];
  const out: CheckResult[] = [];
  for (const ref of list) {
    const problem = bad(script(ref.instruction), ref.instruction);
    if (problem)
      out.push({
        status: "fail",
        message: `line ${ref.instruction.line}: ${problem}`,
        evidence: { path: ref.path, actual: ref.instruction.value, expected },
        key: ref.path,
      });
  }
  return out.length > 0 ? out : [pass(passMessage, { path: "instructions" })];
}

/** Commands of a script that run `tool` with `subcommand` (`apt-get install`, `apk add`). */
export function invocations(text: string, tools: readonly string[], subcommand: string): string[][] {
  return commands(text)
    .map(words)
    .filter((w) => tools.includes(w[0] ?? "") && w.slice(1).includes(subcommand));
}

import { DockerfileParser, type Heredoc, type Instruction } from "dockerfile-ast";
import { type LineRange, type ScanError, type Unknown, unknown } from "../../../model/index.js";
import { expand, type Vars } from "./expand.js";

/**
 * A Dockerfile read into the `docker.image-config` shape. dockerfile-ast
 * finds the instructions (continuations, heredocs, parser directives, the
 * escape character) with their lines; the rest — flags, exec vs shell form,
 * stage scoping of ARG/ENV, variable substitution, the final image's config —
 * is done here because it is what the checks depend on.
 */

const KEYWORDS = new Set([
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
]);
/** Instructions whose arguments Docker expands with ARG/ENV values at build time. */
const EXPANDED = new Set([
  "ADD",
  "ARG",
  "COPY",
  "ENV",
  "EXPOSE",
  "FROM",
  "LABEL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
  "ONBUILD",
]);
/** Instructions that take leading `--flag[=value]` options. */
const FLAGGED = new Set(["ADD", "COPY", "FROM", "RUN", "HEALTHCHECK"]);

export interface DockerInstruction {
  /** Index of the stage (-1 for ARGs before the first FROM). */
  stage: number;
  keyword: string;
  /** The arguments without flags, continuation lines joined, comments inside dropped; variables expanded where Docker expands them. */
  value: string;
  /** `exec` for the JSON array form (`CMD ["a","b"]`), else `shell`. */
  form: "exec" | "shell";
  exec?: string[];
  flags: Record<string, string | null>;
  /** Bodies of here-documents (`RUN <<EOF`), in order. */
  heredocs?: Array<{ name: string; body: string }>;
  /** Variables referenced that have no value at build time without --build-arg. */
  unresolved?: string[];
  line: number;
  endLine: number;
}

export interface BaseImage {
  /** As written after expansion: `debian:12-slim`, `build`, `scratch`. */
  ref: string | Unknown;
  image: string | Unknown | null;
  tag: string | Unknown | null;
  digest: string | null;
  /** Name of the earlier stage this FROM builds on, or null for an external image. */
  stage: string | null;
  platform: string | null;
}

export interface DockerStage {
  index: number;
  name: string | null;
  base: BaseImage;
  line: number;
}

export interface DockerfileParse {
  properties: Record<string, unknown>;
  /** Property path → lines, for findings. */
  positions: Record<string, LineRange>;
  /** 1-based line of every comment, with its text, for inline suppressions. */
  comments: Array<{ line: number; text: string }>;
  finalStageName: string | null;
  errors: ScanError[];
}

interface StageState {
  vars: Map<string, string | undefined>;
  env: Record<string, string | Unknown>;
  labels: Record<string, string | Unknown>;
  exposedPorts: string[];
  user: string | Unknown | null;
  workdir: string | null;
  entrypoint: string[] | null;
  cmd: string[] | null;
  healthcheck: Record<string, unknown> | null;
  shell: string[];
  positions: Record<string, LineRange>;
}

export function parseDockerfile(text: string, file: string): DockerfileParse {
  const errors: ScanError[] = [];
  const dockerfile = DockerfileParser.parse(text);
  const escapeChar = dockerfile.getEscapeCharacter();
  const lines = text.split(/\r?\n/);
  const comments = dockerfile
    .getComments()
    .map((c) => ({ line: c.getRange().start.line + 1, text: c.getContent() }));
  const instructions: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  const states: StageState[] = [];
  const globalArgs = new Map<string, string | undefined>();
  const positions: Record<string, LineRange> = {};

  for (const node of dockerfile.getInstructions()) {
    const keyword = node.getKeyword().toUpperCase();
    const range = node.getRange();
    const line = range.start.line + 1;
    const endLine = range.end.line + 1;
    if (!KEYWORDS.has(keyword)) {
      errors.push({
        source: file,
        message: `unknown instruction ${node.getInstruction()}`,
        line,
        column: range.start.character + 1,
      });
      continue;
    }
    const heredocs = heredocsOf(node, lines);
    for (const h of heredocs)
      if (h.unterminated)
        errors.push({ source: file, message: `here-document <<${h.name} is never closed`, line });
    const raw =
      heredocs.length > 0
        ? firstLineArguments(lines, range.start.line, node)
        : joinedArguments(lines, range.start.line, range.end.line, escapeChar, node);
    const { flags, rest } = FLAGGED.has(keyword) ? splitFlags(raw) : { flags: {}, rest: raw };

    const stageIndex = stages.length - 1;
    const state = states[stageIndex];
    const vars: Vars = keyword === "FROM" || !state ? globalArgs : state.vars;
    let value = rest;
    let unresolved: string[] = [];
    if (EXPANDED.has(keyword)) {
      const expansion = expand(rest, vars, escapeChar);
      value = expansion.value;
      unresolved = expansion.unresolved;
    }
    const instruction: DockerInstruction = {
      stage: keyword === "FROM" ? stages.length : stageIndex,
      keyword,
      value,
      form: "shell",
      flags,
      line,
      endLine,
    };
    const exec = jsonForm(value);
    if (exec && ["RUN", "CMD", "ENTRYPOINT", "SHELL", "ADD", "COPY", "VOLUME"].includes(keyword)) {
      instruction.form = "exec";
      instruction.exec = exec;
    }
    if (heredocs.length > 0) instruction.heredocs = heredocs.map(({ name, body }) => ({ name, body }));
    if (unresolved.length > 0) instruction.unresolved = unresolved;
    const index = instructions.length;
    instructions.push(instruction);
    positions[`instructions[${index}]`] = { startLine: line, endLine };

    if (keyword === "FROM") {
      const stage = fromStage(value, unresolved, stages, flags, line);
      stages.push(stage);
      positions[`stages[${stage.index}]`] = { startLine: line, endLine };
      positions[`stages[${stage.index}].base`] = { startLine: line, endLine };
      const parent =
        stage.base.stage === null ? undefined : states[stages.findIndex((s) => s.name === stage.base.stage)];
      states.push(newState(parent));
      continue;
    }
    if (!state) {
      if (keyword === "ARG") for (const [name, v] of argPairs(value)) globalArgs.set(name, v);
      else
        errors.push({
          source: file,
          message: `${keyword} before the first FROM (only ARG may come first)`,
          line,
        });
      continue;
    }
    applyToStage(state, instruction, globalArgs, { startLine: line, endLine });
  }
  if (stages.length === 0 && errors.length === 0)
    errors.push({ source: file, message: "no FROM instruction: not a Dockerfile", line: 1 });

  const final = states[states.length - 1];
  const finalStage = stages[stages.length - 1];
  const properties: Record<string, unknown> = {
    source: "dockerfile",
    stages,
    instructions,
    history: null,
    user: final?.user ?? null,
    env: final?.env ?? {},
    labels: final?.labels ?? {},
    exposedPorts: final?.exposedPorts ?? [],
    healthcheck: final?.healthcheck ?? null,
    entrypoint: final?.entrypoint ?? null,
    cmd: final?.cmd ?? null,
    workdir: final?.workdir ?? null,
  };
  Object.assign(positions, final?.positions ?? {});
  return { properties, positions, comments, finalStageName: finalStage?.name ?? null, errors };
}

function newState(parent: StageState | undefined): StageState {
  return {
    // ARGs are per stage; ENV, USER and the rest carry over from a parent stage.
    vars: new Map(
      Object.entries(parent?.env ?? {}).map(([k, v]) => [k, typeof v === "string" ? v : undefined]),
    ),
    env: { ...(parent?.env ?? {}) },
    labels: { ...(parent?.labels ?? {}) },
    exposedPorts: [...(parent?.exposedPorts ?? [])],
    user: parent?.user ?? null,
    workdir: parent?.workdir ?? null,
    entrypoint: parent?.entrypoint ?? null,
    cmd: parent?.cmd ?? null,
    healthcheck: parent?.healthcheck ?? null,
    shell: parent?.shell ?? ["/bin/sh", "-c"],
    positions: { ...(parent?.positions ?? {}) },
  };
}

function applyToStage(
  state: StageState,
  instruction: DockerInstruction,
  globalArgs: Vars,
  range: LineRange,
): void {
  const known = (v: string, unresolvedValue: boolean, what: string): string | Unknown =>
    unresolvedValue ? unknown(`${what} uses a build argument without a default`) : v;
  const hasUnresolved = (instruction.unresolved?.length ?? 0) > 0;
  switch (instruction.keyword) {
    case "ARG":
      for (const [name, v] of argPairs(instruction.value))
        state.vars.set(name, v ?? (globalArgs.has(name) ? globalArgs.get(name) : undefined));
      break;
    case "ENV":
      for (const [name, v] of keyValuePairs(instruction.value)) {
        state.env[name] = known(v, hasUnresolved && v.includes("$"), `ENV ${name}`);
        state.vars.set(name, v);
        state.positions[`env${pathKey(name)}`] = range;
      }
      break;
    case "LABEL":
      for (const [name, v] of keyValuePairs(instruction.value)) {
        state.labels[name] = v;
        state.positions[`labels${pathKey(name)}`] = range;
      }
      break;
    case "EXPOSE":
      for (const port of instruction.value.split(/\s+/).filter(Boolean)) {
        const normalized = port.includes("/") ? port.toLowerCase() : `${port}/tcp`;
        state.positions[`exposedPorts[${state.exposedPorts.length}]`] = range;
        state.exposedPorts.push(normalized);
      }
      break;
    case "USER":
      state.user = known(instruction.value.trim(), hasUnresolved, "USER");
      state.positions.user = range;
      break;
    case "WORKDIR":
      state.workdir = instruction.value.trim();
      state.positions.workdir = range;
      break;
    case "SHELL":
      if (instruction.exec) state.shell = instruction.exec;
      break;
    case "CMD":
    case "ENTRYPOINT": {
      const command = instruction.exec ?? [...state.shell, instruction.value];
      if (instruction.keyword === "CMD") state.cmd = command;
      else {
        state.entrypoint = command;
        // Docker resets CMD when ENTRYPOINT is set in the same image.
        state.cmd = null;
      }
      state.positions[instruction.keyword.toLowerCase()] = range;
      break;
    }
    case "HEALTHCHECK": {
      const body = instruction.value.trim();
      if (/^NONE$/i.test(body)) state.healthcheck = { test: ["NONE"] };
      else {
        const command = body.replace(/^CMD\s+/i, "");
        const exec = jsonForm(command);
        state.healthcheck = {
          test: exec ? ["CMD", ...exec] : ["CMD-SHELL", command],
          ...healthcheckOptions(instruction.flags),
        };
      }
      state.positions.healthcheck = range;
      break;
    }
  }
}

function fromStage(
  value: string,
  unresolved: string[],
  stages: DockerStage[],
  flags: Record<string, string | null>,
  line: number,
): DockerStage {
  const [refText = "", as, name] = value.trim().split(/\s+/);
  const stageName = as?.toUpperCase() === "AS" && name ? name.toLowerCase() : null;
  const earlier = stages.find((s) => s.name !== null && s.name === refText.toLowerCase());
  const base: BaseImage = {
    ref: refText,
    image: null,
    tag: null,
    digest: null,
    stage: earlier ? earlier.name : null,
    platform: flags.platform ?? null,
  };
  if (unresolved.length > 0) {
    const why = unknown(`FROM uses ${unresolved.join(", ")}, a build argument without a default`);
    base.ref = why;
    base.image = why;
    base.tag = why;
  } else if (!earlier) {
    const at = refText.indexOf("@");
    const withoutDigest = at >= 0 ? refText.slice(0, at) : refText;
    base.digest = at >= 0 ? refText.slice(at + 1) : null;
    const slash = withoutDigest.lastIndexOf("/");
    const colon = withoutDigest.lastIndexOf(":");
    base.image = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
    base.tag = colon > slash ? withoutDigest.slice(colon + 1) : null;
  }
  return { index: stages.length, name: stageName, base, line };
}

function heredocsOf(
  node: Instruction,
  lines: string[],
): Array<{ name: string; body: string; unterminated: boolean }> {
  const getter = (node as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs;
  if (typeof getter !== "function") return [];
  return getter.call(node).map((h) => {
    const content = h.getContentRange();
    const body = content === null ? "" : lines.slice(content.start.line, content.end.line + 1).join("\n");
    return { name: h.getName(), body, unterminated: h.getDelimiterRange() === null };
  });
}

/** The arguments on the instruction's own line (a heredoc instruction's command line). */
function firstLineArguments(lines: string[], start: number, node: Instruction): string {
  const first = lines[start] ?? "";
  return first.slice(node.getInstructionRange().end.character).trim();
}

/** Joins continuation lines the way Docker does: the escape character at line end and comment lines inside are dropped. */
function joinedArguments(
  lines: string[],
  start: number,
  end: number,
  escapeChar: string,
  node: Instruction,
): string {
  let out = "";
  for (let i = start; i <= end; i++) {
    let text = lines[i] ?? "";
    if (i === start) text = text.slice(node.getInstructionRange().end.character);
    else if (/^\s*#/.test(text) || text.trim() === "") continue;
    const trimmed = text.replace(/\s+$/, "");
    out +=
      trimmed.endsWith(escapeChar) && i < end
        ? trimmed.slice(0, -escapeChar.length)
        : i < end
          ? text
          : trimmed;
  }
  return out.trim();
}

/** Leading `--name=value` / `--name` options. */
export function splitFlags(text: string): { flags: Record<string, string | null>; rest: string } {
  const flags: Record<string, string | null> = {};
  let rest = text.trim();
  for (
    let match = /^--([A-Za-z][\w-]*)(?:=(\S*))?(?:\s+|$)/.exec(rest);
    match;
    match = /^--([A-Za-z][\w-]*)(?:=(\S*))?(?:\s+|$)/.exec(rest)
  ) {
    flags[match[1] as string] = match[2] ?? null;
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

function jsonForm(value: string): string[] | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith("[")) return undefined;
  try {
    const parsed = JSON.parse(trimmed) as unknown;
    return Array.isArray(parsed) && parsed.every((x) => typeof x === "string") ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `ARG NAME`, `ARG NAME=value` (several per line allowed). */
function argPairs(value: string): Array<[string, string | undefined]> {
  return tokens(value).map((t) => {
    const eq = t.indexOf("=");
    return eq < 0 ? [t, undefined] : [t.slice(0, eq), unquote(t.slice(eq + 1))];
  });
}

/** `ENV A=1 B="two words"` or the legacy `ENV NAME value with spaces`. */
export function keyValuePairs(value: string): Array<[string, string]> {
  const parts = tokens(value);
  if (parts.length > 0 && !(parts[0] as string).includes("=")) {
    const [name, ...rest] = value.trim().split(/\s+/);
    return name ? [[name, unquote(rest.join(" "))]] : [];
  }
  return parts.map((t) => {
    const eq = t.indexOf("=");
    return [t.slice(0, eq < 0 ? t.length : eq), eq < 0 ? "" : unquote(t.slice(eq + 1))];
  });
}

/** Splits on whitespace outside quotes. */
function tokens(value: string): string[] {
  return value.match(/(?:[^\s"']+|"(?:[^"\\]|\\.)*"|'[^']*')+/g) ?? [];
}

function unquote(v: string): string {
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))
    return v.slice(1, -1).replace(/\\(.)/g, "$1");
  return v;
}

function pathKey(name: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * HEALTHCHECK flags in the image config's units: durations in nanoseconds
 * (`--interval=1m30s` → 90000000000), retries as a number.
 */
function healthcheckOptions(flags: Record<string, string | null>): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const [flag, value] of Object.entries(flags)) {
    const key = camel(flag);
    if (value === null) out[key] = null;
    else if (key === "retries") out[key] = Number.isInteger(Number(value)) ? Number(value) : value;
    else out[key] = durationNanoseconds(value) ?? value;
  }
  return out;
}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** A Go duration (`30s`, `1m30s`, `500ms`) in nanoseconds, or undefined when it is not one. */
export function durationNanoseconds(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_NS[p[2] as string] ?? 0), 0);
}

import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Command, Option } from "commander";
import { CustomCheckError, loadCustomChecks } from "../checks/custom/load.js";
import { builtinChecks, type Check, CheckRegistry, CheckRegistryError } from "../checks/index.js";
import { loadFrameworks } from "../compliance/index.js";
import { type Framework, parseSeverity, type Severity } from "../model/index.js";
import { DEFAULT_DATA_DIR, openStore, type Store } from "../store/index.js";
import { UsageError } from "./errors.js";

const pkg = createRequire(import.meta.url)("../../package.json") as { version: string };
export const TOOL = { name: "Mamori", version: pkg.version };

/** Options every command that touches the store accepts. */
export interface StoreOptions {
  dataDir?: string;
}

export function addStoreOptions(command: Command): Command {
  return command.option(
    "--data-dir <dir>",
    `embedded database folder (default ${DEFAULT_DATA_DIR}); ignored when DATABASE_URL is set`,
  );
}

/** PostgreSQL when DATABASE_URL is set, else the embedded PGlite store in the data folder. */
export async function openConfiguredStore(options: StoreOptions): Promise<Store> {
  const databaseUrl = process.env.DATABASE_URL;
  return databaseUrl
    ? openStore({ databaseUrl })
    : openStore({ dataDir: options.dataDir ?? DEFAULT_DATA_DIR });
}

export function formatOption(formats: readonly string[], fallback: string): Option {
  return new Option("-f, --format <format>", "output format").choices([...formats]).default(fallback);
}

export function addOutputOption(command: Command): Command {
  return command.option("-o, --output <file>", "write the output to a file instead of standard output");
}

export function parseFailOn(value: string): Severity {
  const severity = parseSeverity(value);
  if (!severity)
    throw new UsageError(`--fail-on ${value}: expected one of critical, high, medium, low, info`);
  return severity;
}

/** Built-in checks plus the custom ones of `--checks-dir`. */
export function loadRegistry(checksDir?: string): CheckRegistry {
  let custom: Check[] = [];
  try {
    if (checksDir) custom = loadCustomChecks(checksDir);
    return new CheckRegistry([...builtinChecks, ...custom]);
  } catch (error) {
    if (error instanceof CustomCheckError || error instanceof CheckRegistryError)
      throw new UsageError(error.message);
    throw error;
  }
}

export function loadAllFrameworks(): Framework[] {
  return loadFrameworks();
}

export function findFramework(frameworks: Framework[], id: string): Framework {
  const found = frameworks.find((f) => f.id === id || f.framework === id);
  if (!found)
    throw new UsageError(`unknown framework ${id}; known: ${frameworks.map((f) => f.id).join(", ")}`);
  return found;
}

/** Writes command output to `--output` or standard output, always ending with a newline. */
export function emit(text: string, output?: string): void {
  const body = text.endsWith("\n") ? text : `${text}\n`;
  if (!output) {
    process.stdout.write(body);
    return;
  }
  try {
    writeFileSync(output, body);
  } catch (error) {
    throw new UsageError(
      `${output}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

export function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}

/** Progress on standard error, only when it is a terminal (never in CI logs or pipes). */
export function progress(label: string): { update(count: number): void; done(): void } {
  const tty = Boolean(process.stderr.isTTY);
  let shown = false;
  return {
    update(count) {
      if (!tty) return;
      shown = true;
      process.stderr.write(`\r${label}: ${count}`);
    },
    done() {
      if (shown) process.stderr.write("\r\u001b[2K");
    },
  };
}

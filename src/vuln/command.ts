import { type Command, Option } from "commander";
import {
  addOutputOption,
  addStoreOptions,
  emit,
  openConfiguredStore,
  parseFailOn,
  TOOL,
} from "../cli/context.js";
import { EXIT, UsageError } from "../cli/errors.js";
import type { Finding, Package, Resource, RuleInfo } from "../model/index.js";
import { renderReport } from "../report/index.js";
import { breaches } from "../scan/posture.js";
import type { Store } from "../store/index.js";
import { advisoryStore } from "./database.js";
import { type AdvisoryLookup, MemoryAdvisoryIndex } from "./match.js";
import { renderVulnJson, renderVulnTable } from "./report.js";
import { type SbomSubject, writeCycloneDx } from "./sbom/cyclonedx.js";
import { writeSpdx } from "./sbom/spdx.js";
import { runVulnScan, vulnBreaches } from "./scan.js";
import { readAdvisories } from "./sources.js";
import { readVexFile, type VexStatement } from "./vex.js";

/** The shared front half of `mamori image`, `mamori fs` and `mamori sbom`. */
export const VULN_FORMATS = ["table", "json", "sarif", "cyclonedx", "spdx"] as const;
export type VulnFormat = (typeof VULN_FORMATS)[number];

export interface VulnCommandOptions {
  format: VulnFormat;
  output?: string;
  failOn?: string;
  ignoreUnfixed?: boolean;
  vex?: string[];
  advisories?: string[];
  store: boolean;
  dataDir?: string;
}

/** Error classes of the readers that mean "bad input": shown as one line, exit 2. */
const INPUT_ERRORS = new Set([
  "VulnInputError",
  "ImageError",
  "RegistryError",
  "FilesystemError",
  "ExtractError",
]);

export function asUsageError(error: unknown): unknown {
  if (error instanceof Error && INPUT_ERRORS.has(error.name))
    return new UsageError(error.message.split("\n")[0] ?? "");
  return error;
}

export function addVulnOptions(command: Command): Command {
  command
    .addOption(
      new Option("-f, --format <format>", "output format").choices([...VULN_FORMATS]).default("table"),
    )
    .option(
      "--fail-on <severity>",
      "exit 1 when an unsuppressed vulnerability at or above this severity is found",
    )
    .option(
      "--ignore-unfixed",
      "leave out vulnerabilities that have no fixed version yet (or will not be fixed)",
    )
    .option("--vex <file>", "OpenVEX or CycloneDX VEX document; repeatable", collect, [])
    .option(
      "--advisories <path>",
      "match against advisories read from this file, folder or zip instead of the store's database; repeatable",
      collect,
      [],
    )
    .option("--no-store", "do not record the scan in the store");
  addOutputOption(command);
  addStoreOptions(command);
  return command;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export interface ScanInput {
  kind: string;
  target: string;
  scope: string;
  subject: SbomSubject;
  packages: Package[];
  warnings: string[];
  /** Image checks and secrets (image only). */
  extra?: { resources: Resource[]; findings: Finding[]; rules: RuleInfo[] };
}

export async function runVulnCommand(
  load: () => Promise<ScanInput>,
  options: VulnCommandOptions,
): Promise<void> {
  const failOn = options.failOn === undefined ? undefined : parseFailOn(options.failOn);
  try {
    const vex: VexStatement[] = (options.vex ?? []).flatMap((file) => readVexFile(file));
    const input = await load();
    const needStore = options.store || !options.advisories?.length;
    const store = needStore ? await openConfiguredStore(options) : undefined;
    try {
      const advisories = await advisorySource(store, options.advisories ?? []);
      const result = await runVulnScan({
        kind: input.kind,
        target: input.target,
        scope: input.scope,
        packages: input.packages,
        advisories,
        vex,
        ignoreUnfixed: options.ignoreUnfixed,
        recorder: options.store ? store : undefined,
        extra: input.extra,
        tool: TOOL,
      });
      for (const warning of input.warnings) process.stderr.write(`warning: ${warning}\n`);
      let text: string;
      switch (options.format) {
        case "table":
          text = renderVulnTable(result.findings, result.report, input.packages.length, result.notes);
          break;
        case "json":
          text = renderVulnJson(result.findings, result.report, input.packages.length, result.notes);
          break;
        case "sarif":
          text = renderReport(result.report, "sarif");
          break;
        case "cyclonedx":
          text = writeCycloneDx(input.subject, input.packages, result.findings, { tool: TOOL });
          break;
        case "spdx":
          text = writeSpdx(input.subject, input.packages, { tool: TOOL });
          break;
      }
      emit(text, options.output);
      const extraBreach = failOn && breaches(input.extra?.findings ?? [], failOn);
      if (failOn && (vulnBreaches(result.findings, failOn) || extraBreach)) process.exitCode = EXIT.findings;
    } finally {
      await store?.close();
    }
  } catch (error) {
    throw asUsageError(error);
  }
}

async function advisorySource(store: Store | undefined, paths: string[]): Promise<AdvisoryLookup> {
  if (paths.length > 0) {
    const index = new MemoryAdvisoryIndex();
    for (const path of paths) for await (const record of readAdvisories(path)) index.add(record);
    return index;
  }
  if (!store) throw new UsageError("no advisory database: give --advisories PATH or use the store");
  const db = advisoryStore(store);
  if ((await db.feeds()).length === 0)
    process.stderr.write(
      "warning: the advisory database is empty; run `mamori db update` (or `mamori db import PATH` offline)\n",
    );
  return db;
}

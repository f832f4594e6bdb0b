import { resolve } from "node:path";
import { Command } from "commander";
import picomatch from "picomatch";
import { complianceIndex } from "../../compliance/index.js";
import type { Finding, Resource, ScanError } from "../../model/index.js";
import { REPORT_FORMATS, type ReportFormat } from "../../report/index.js";
import { BaselineError, readBaseline } from "../../scan/baseline.js";
import { type ResourceItem, runPostureScan } from "../../scan/posture.js";
import {
  applyProjectConfig,
  findProjectConfig,
  type ProjectConfig,
  ProjectConfigError,
} from "../../scan/project-config.js";
import { discoverIacFiles } from "../../sources/iac/discover.js";
import { DEFAULT_MAX_FILE_BYTES, type InlineSuppression } from "../../sources/iac/format.js";
import { iacFormats } from "../../sources/iac/formats.generated.js";
import {
  ParameterFileError,
  parseParameterAssignments,
  readParameterFile,
} from "../../sources/iac/parameters.js";
import { findMute, mutedBy } from "../../store/index.js";
import {
  addOutputOption,
  addStoreOptions,
  findFramework,
  formatOption,
  loadAllFrameworks,
  loadRegistry,
  openConfiguredStore,
  parseFailOn,
  progress,
  TOOL,
  useColor,
} from "../context.js";
import { UsageError } from "../errors.js";
import { writePostureReport } from "../posture-output.js";

interface IacOptions {
  format: ReportFormat;
  output?: string;
  failOn?: string;
  includePassed?: boolean;
  checksDir?: string;
  exclude: string[];
  var: string[];
  varFile: string[];
  parameter: string[];
  parametersFile: string[];
  config?: string;
  baseline?: string;
  compliance?: string;
  store?: boolean;
  dataDir?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function iacCommand(): Command {
  const command = new Command("iac")
    .summary("scan infrastructure-as-code: Terraform, CloudFormation, ARM, Kubernetes, Dockerfiles")
    .description(
      "Find misconfigurations in the IaC files under PATH... with the same checks that run on the live cloud.\n" +
        "The format of each file is detected from its name and content; files of no known format are ignored.\n" +
        "Inline suppressions (`# mamori:ignore <check-id> <reason>`) report findings as muted.\n" +
        "A .mamori.yaml in the scanned folder (or --config) may skip checks, override severities and exclude paths.",
    )
    .argument("<path...>", "files or folders to scan")
    .addOption(formatOption(REPORT_FORMATS, "table"))
    .option("--exclude <glob>", "leave out paths matching this glob (repeatable)", collect, [])
    .option("--var <name=value>", "set a Terraform variable (repeatable)", collect, [])
    .option("--var-file <file>", "read Terraform variables from this .tfvars file (repeatable)", collect, [])
    .option(
      "--parameter <key=value>",
      "set a CloudFormation or ARM template parameter, over its default (repeatable)",
      collect,
      [],
    )
    .option(
      "--parameters-file <file>",
      "read template parameters: a CloudFormation [{ParameterKey, ParameterValue}] list or an ARM parameters file (repeatable)",
      collect,
      [],
    )
    .option("--config <file>", "project settings file (default: .mamori.yaml in the scanned folder)")
    .option("--baseline <report.json>", "report only findings not in this earlier JSON report")
    .option("--fail-on <severity>", "exit 1 when a failing finding at or above this severity exists")
    .option("--include-passed", "report passing findings too")
    .option("--checks-dir <dir>", "also run the custom CEL checks in this folder")
    .option("--compliance <framework>", "print the score of this framework after the findings (table format)")
    .option("--store", "record the scan in the store (off by default for IaC)")
    .option("--no-store", "do not record the scan (the default)");
  addOutputOption(command);
  addStoreOptions(command);
  return command.action(async (paths: string[], options: IacOptions) => {
    const colorTerminal = useColor();
    const failOn = options.failOn === undefined ? undefined : parseFailOn(options.failOn);
    const vars = parseVars(options.var);
    const parameters = templateParameters(options.parametersFile, options.parameter);
    const config = loadConfig(paths, options.config);
    const registry = applyConfigOrFail(loadRegistry(options.checksDir ?? config?.checksDir), config);
    const baseline = options.baseline ? loadBaseline(options.baseline) : undefined;
    const frameworks = loadAllFrameworks();
    const framework = options.compliance ? findFramework(frameworks, options.compliance) : undefined;

    const walking = progress("files examined");
    const discovered = discoverIacFiles(paths, iacFormats, {
      exclude: [...options.exclude, ...(config?.exclude ?? [])],
      onFile: (n) => walking.update(n),
    });
    walking.done();
    if (discovered.missing.length > 0)
      throw new UsageError(`${discovered.missing[0]}: no such file or folder, or not readable`);
    const claimed = [...discovered.byFormat.values()].reduce((n, files) => n + files.length, 0);
    if (claimed === 0)
      throw new UsageError(
        `no IaC files found in ${paths.join(", ")} (looked for ${iacFormats.map((f) => f.name).join(", ")})`,
      );

    const store = options.store ? await openConfiguredStore(options) : undefined;
    const bar = progress("files loaded");
    try {
      await store?.syncFrameworks(frameworks);
      const mutes = store ? await store.activeMutes() : [];
      const suppressions: InlineSuppression[] = [];
      const notes: ScanError[] = [];
      let loadedFiles = 0;
      let failedFiles = 0;
      const items = async function* (): AsyncGenerator<ResourceItem> {
        for (const format of iacFormats) {
          const files = discovered.byFormat.get(format.name);
          if (!files) continue;
          const result = await format.load(files, {
            vars,
            varFiles: options.varFile,
            parameters,
            roots: [process.cwd()],
            maxFileBytes: DEFAULT_MAX_FILE_BYTES,
          });
          const failed = new Set(result.errors.map((e) => resolve(e.source)));
          failedFiles += files.filter((f) => failed.has(resolve(f))).length;
          loadedFiles += files.length;
          bar.update(loadedFiles);
          suppressions.push(...result.suppressions);
          notes.push(...result.notes);
          for (const error of result.errors) yield { error };
          for (const resource of result.resources) yield { resource };
        }
      };
      const { report, allFindings } = await runPostureScan({
        kind: "iac",
        target: paths.join(", "),
        scope: `iac:${paths
          .map((p) => resolve(p))
          .sort()
          .join(",")}`,
        items: items(),
        registry,
        compliance: complianceIndex(frameworks),
        recorder: store,
        mute: (finding, resource) => {
          const inline = findSuppression(suppressions, finding, resource);
          if (inline) return { reason: `inline: ${inline.reason} (${inline.file}:${inline.line})` };
          const mute = findMute(mutes, finding, resource.tags, new Date());
          return mute && mutedBy(mute);
        },
        includePassed: options.includePassed,
        tool: TOOL,
      });
      bar.done();
      for (const note of notes)
        process.stderr.write(`note: ${note.source}${note.line ? `:${note.line}` : ""}: ${note.message}\n`);
      if (failedFiles === claimed) {
        const first = report.errors[0];
        throw new UsageError(
          first
            ? `${first.source}${first.line ? `:${first.line}${first.column ? `:${first.column}` : ""}` : ""}: ${first.message}`
            : "none of the IaC files could be read",
        );
      }
      if (baseline) {
        const before = report.findings.length;
        report.findings = report.findings.filter((f) => !baseline.has(f.fingerprint));
        process.stderr.write(`baseline: ${before - report.findings.length} known findings left out\n`);
      }
      writePostureReport({
        report,
        allFindings,
        format: options.format,
        output: options.output,
        color: colorTerminal,
        framework,
        failOn,
        sourceRoot: process.cwd(),
      });
    } finally {
      bar.done();
      await store?.close();
    }
  });
}

function parseVars(values: string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf("=");
    if (eq <= 0) throw new UsageError(`--var ${value}: expected name=value`);
    vars[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return vars;
}

/** Parameter files in order, then `--parameter` values, each overriding the ones before. */
export function templateParameters(files: readonly string[], assignments: readonly string[]) {
  try {
    const values: Record<string, unknown> = {};
    for (const file of files) Object.assign(values, readParameterFile(file));
    return Object.assign(values, parseParameterAssignments(assignments));
  } catch (error) {
    if (error instanceof ParameterFileError) throw new UsageError(error.message);
    throw error;
  }
}

function loadConfig(paths: string[], explicit?: string): ProjectConfig | undefined {
  try {
    return findProjectConfig(paths, explicit);
  } catch (error) {
    if (error instanceof ProjectConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function applyConfigOrFail(registry: ReturnType<typeof loadRegistry>, config: ProjectConfig | undefined) {
  try {
    return applyProjectConfig(registry, config);
  } catch (error) {
    if (error instanceof ProjectConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function loadBaseline(file: string): Set<string> {
  try {
    return readBaseline(file);
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(error.message);
    throw error;
  }
}

/** The inline suppression covering this finding, if any (shared with the server's IaC archive scans). */
export function findSuppression(
  suppressions: InlineSuppression[],
  finding: Finding,
  resource: Resource,
): InlineSuppression | undefined {
  const file = resource.provenance.kind === "iac" ? resource.provenance.file : undefined;
  return suppressions.find(
    (s) =>
      (s.resourceId === undefined ? s.file === file : s.resourceId === resource.id) &&
      (s.checkId === "*" || s.checkId === finding.checkId || picomatch.isMatch(finding.checkId, s.checkId)),
  );
}

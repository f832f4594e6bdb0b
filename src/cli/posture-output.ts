import type { Command } from "commander";
import { scoreFramework } from "../compliance/index.js";
import type { Finding, Framework, ScanReport, Severity } from "../model/index.js";
import { REPORT_FORMATS, type ReportFormat, renderReport } from "../report/index.js";
import { breaches } from "../scan/posture.js";
import { frameworkScoreTable } from "./commands/frameworks.js";
import { addOutputOption, addStoreOptions, emit, formatOption } from "./context.js";
import { EXIT } from "./errors.js";

/** The report options of the posture commands that record a scan (`scan`, `cloud aws|azure|gcp`). */
export interface PostureOptions {
  format: ReportFormat;
  output?: string;
  failOn?: string;
  includePassed?: boolean;
  checksDir?: string;
  dataDir?: string;
  store: boolean;
  compliance?: string;
}

/** Adds the options of `PostureOptions`; `complianceExample` names a framework for --compliance's help. */
export function addPostureOptions(command: Command, complianceExample?: string): Command {
  command
    .addOption(formatOption(REPORT_FORMATS, "table"))
    .option("--fail-on <severity>", "exit 1 when a failing finding at or above this severity exists")
    .option("--include-passed", "report passing findings too")
    .option("--checks-dir <dir>", "also run the custom CEL checks in this folder")
    .option(
      "--compliance <framework>",
      `print the score of this framework after the findings (table format)${complianceExample ? `, e.g. ${complianceExample}` : ""}`,
    )
    .option("--no-store", "do not record the scan in the store");
  addOutputOption(command);
  addStoreOptions(command);
  return command;
}

/**
 * The common end of every posture command (scan, iac, cloud): render the
 * report, add the framework score to a table, write it, and set exit code 1
 * when a finding reaches `--fail-on`.
 */
export function writePostureReport(input: {
  report: ScanReport;
  allFindings: readonly Finding[];
  format: ReportFormat;
  output?: string;
  /** Colour when writing to a terminal that wants it. */
  color: boolean;
  framework?: Framework;
  /** More frameworks to score after `framework` (`cloud all --compliance a,b`). */
  frameworks?: readonly Framework[];
  failOn?: Severity;
  sourceRoot?: string;
}): void {
  let text = renderReport(input.report, input.format, {
    color: input.color && !input.output,
    width: process.stdout.columns,
    ...(input.sourceRoot ? { sourceRoot: input.sourceRoot } : {}),
  });
  const scored = [...(input.framework ? [input.framework] : []), ...(input.frameworks ?? [])];
  if (input.format === "table")
    for (const framework of scored)
      text += `\n\n${frameworkScoreTable(scoreFramework(framework, input.allFindings))}`;
  emit(text, input.output);
  if (input.failOn && breaches(input.report.findings, input.failOn)) process.exitCode = EXIT.findings;
}

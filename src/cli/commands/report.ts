import { Command } from "commander";
import { scoreFramework } from "../../compliance/index.js";
import {
  buildComplianceReport,
  COMPLIANCE_FORMATS,
  type ComplianceFormat,
  renderComplianceReport,
} from "../../report/compliance/index.js";
import { type ScanDiff, ScanDiffError } from "../../store/index.js";
import {
  addOutputOption,
  addStoreOptions,
  emit,
  findFramework,
  formatOption,
  loadAllFrameworks,
  openConfiguredStore,
  type StoreOptions,
  TOOL,
} from "../context.js";
import { UsageError } from "../errors.js";
import { textTable } from "../table.js";
import { frameworkScoreTable } from "./frameworks.js";

export function reportCommand(): Command {
  const command = new Command("report").summary("compliance reports and scan comparisons from the store");
  command.addCommand(complianceCommand());
  command.addCommand(diffCommand());
  return command;
}

interface ComplianceOptions extends StoreOptions {
  framework: string;
  format: ComplianceFormat | "table";
  output?: string;
  scan?: string;
}

function complianceCommand(): Command {
  const command = new Command("compliance")
    .summary("the posture of one framework: per control status, evidence, resources and score")
    .description(
      "Scores a compliance framework on the findings in the store: by default the current state of every\n" +
        "scope (the last completed scan of each), or with --scan only the scope of that scan.\n" +
        "html is a self-contained page for auditors; ocsf is a JSON array of OCSF 1.3.0 Compliance Findings.",
    )
    .requiredOption("--framework <id>", "framework id, e.g. cis-aws-7.0.0 (see `mamori frameworks list`)")
    .addOption(formatOption(["table", ...COMPLIANCE_FORMATS], "table"))
    .option("--scan <id>", "only the scope of this scan");
  addOutputOption(command);
  addStoreOptions(command);
  return command.action(async (options: ComplianceOptions) => {
    const framework = findFramework(loadAllFrameworks(), options.framework);
    const store = await openConfiguredStore(options);
    try {
      let findings = await store.currentFindings();
      let scope = "current state of every scope in the store";
      if (options.scan) {
        const scan = await store.getScan(options.scan);
        if (!scan) throw new UsageError(`--scan ${options.scan}: no such scan`);
        findings = findings.filter((f) => f.scope === scan.scope);
        scope = `${scan.kind} scan ${scan.id} of ${scan.target}`;
      }
      if (findings.length === 0)
        process.stderr.write(
          "note: the store holds no findings yet; run a scan first (mamori scan, iac or cloud)\n",
        );
      if (options.format === "table") {
        emit(frameworkScoreTable(scoreFramework(framework, findings)), options.output);
        return;
      }
      const report = buildComplianceReport({
        framework,
        findings,
        scope,
        generatedAt: new Date(),
        tool: TOOL,
      });
      emit(renderComplianceReport(report, options.format), options.output);
    } finally {
      await store.close();
    }
  });
}

interface DiffOptions extends StoreOptions {
  from?: string;
  to?: string;
  format: "table" | "json";
  output?: string;
}

function diffCommand(): Command {
  const command = new Command("diff")
    .summary("what changed between two scans: new, resolved and changed findings, new and changed resources")
    .description(
      "Compares two completed scans. Without --to, the latest completed scan; without --from, the completed\n" +
        "scan of the same scope before --to.",
    )
    .option("--from <scan>", "the earlier scan id")
    .option("--to <scan>", "the later scan id")
    .addOption(formatOption(["table", "json"], "table"));
  addOutputOption(command);
  addStoreOptions(command);
  return command.action(async (options: DiffOptions) => {
    const store = await openConfiguredStore(options);
    try {
      const scans = (await store.listScans({ limit: 10_000 })).filter((s) => s.status === "completed");
      const to = options.to ?? scans[0]?.id;
      if (!to) throw new UsageError("the store holds no completed scan to compare");
      const toScan = scans.find((s) => s.id === to);
      const from =
        options.from ??
        scans.find((s) => toScan && s.scope === toScan.scope && s.startedAt < toScan.startedAt)?.id;
      if (!from) throw new UsageError(`no earlier completed scan of the same scope as ${to}; give --from`);
      let diff: ScanDiff;
      try {
        diff = await store.diffScans(from, to);
      } catch (error) {
        if (error instanceof ScanDiffError) throw new UsageError(error.message);
        throw error;
      }
      emit(options.format === "json" ? JSON.stringify(diff, null, 2) : diffTable(diff), options.output);
    } finally {
      await store.close();
    }
  });
}

function diffTable(diff: ScanDiff): string {
  const parts = [
    `scan ${diff.from} → ${diff.to}: ${diff.new.length} new, ${diff.resolved.length} resolved, ${diff.changed.length} changed findings; ${diff.resources.length} resources new or changed`,
  ];
  if (diff.warning) parts.push(`warning: ${diff.warning}`);
  for (const [label, list] of [
    ["NEW", diff.new],
    ["RESOLVED", diff.resolved],
    ["CHANGED", diff.changed],
  ] as const) {
    if (list.length === 0) continue;
    parts.push(
      `\n${label}\n${textTable(
        ["SEVERITY", "CHECK", "RESOURCE", "FROM", "TO"],
        list.map((c) => [c.severity, c.checkId, c.resourceId, c.from ?? "-", c.to ?? "-"]),
      )}`,
    );
  }
  if (diff.resources.length > 0)
    parts.push(
      `\nRESOURCES\n${textTable(
        ["CHANGE", "TYPE", "ID"],
        diff.resources.map((r) => [r.change, r.type, r.id]),
      )}`,
    );
  return parts.join("\n");
}

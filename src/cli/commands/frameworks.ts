import { Command } from "commander";
import { scoreFramework } from "../../compliance/index.js";
import type { FrameworkScore } from "../../model/index.js";
import {
  addOutputOption,
  addStoreOptions,
  emit,
  findFramework,
  formatOption,
  loadAllFrameworks,
  openConfiguredStore,
} from "../context.js";
import { csvTable, textTable } from "../table.js";

export function frameworksCommand(): Command {
  const command = new Command("frameworks").summary(
    "list compliance frameworks and show their controls and scores",
  );

  const list = new Command("list")
    .summary("list the compliance frameworks and how many of their controls are automated")
    .addOption(formatOption(["table", "json", "csv"], "table"));
  addOutputOption(list).action((options: { format: string; output?: string }) => {
    const frameworks = loadAllFrameworks();
    if (options.format === "json") {
      const out = frameworks.map((f) => ({
        id: f.id,
        framework: f.framework,
        version: f.version,
        name: f.name,
        controls: f.controls.length,
        automated: f.controls.filter((c) => c.automated).length,
        implemented: f.controls.filter((c) => c.checks.length > 0).length,
      }));
      emit(JSON.stringify(out, null, 2), options.output);
      return;
    }
    const headers = ["ID", "NAME", "CONTROLS", "AUTOMATED", "IMPLEMENTED"];
    const rows = frameworks.map((f) => [
      f.id,
      f.name,
      String(f.controls.length),
      String(f.controls.filter((c) => c.automated).length),
      String(f.controls.filter((c) => c.checks.length > 0).length),
    ]);
    emit(options.format === "csv" ? csvTable(headers, rows) : textTable(headers, rows), options.output);
  });

  const show = new Command("show")
    .summary("show every control of a framework with its status from the latest scans in the store")
    .argument("<framework>", "framework id, e.g. cis-aws-7.0.0")
    .addOption(formatOption(["table", "json"], "table"));
  addOutputOption(show);
  addStoreOptions(show).action(
    async (id: string, options: { format: string; output?: string; dataDir?: string }) => {
      const framework = findFramework(loadAllFrameworks(), id);
      const store = await openConfiguredStore(options);
      try {
        const score = scoreFramework(framework, await store.currentFindings());
        if (options.format === "json") {
          emit(
            JSON.stringify(
              {
                id: framework.id,
                name: framework.name,
                score: score.score,
                counts: score.counts,
                controls: score.controls.map((c) => ({
                  id: c.control.id,
                  title: c.control.title,
                  section: c.control.section,
                  automated: c.control.automated,
                  checks: c.control.checks,
                  status: c.status,
                  passed: c.passed,
                  failed: c.failed,
                  errors: c.errors,
                })),
              },
              null,
              2,
            ),
            options.output,
          );
        } else emit(frameworkScoreTable(score, true), options.output);
      } finally {
        await store.close();
      }
    },
  );

  return command.addCommand(list).addCommand(show);
}

/** Per-control status lines and the framework score, for people. */
export function frameworkScoreTable(score: FrameworkScore, allControls = false): string {
  const shown = allControls
    ? score.controls
    : score.controls.filter((c) => c.status === "fail" || c.status === "error");
  const rows = shown.map((c) => [
    c.control.id,
    c.status.toUpperCase(),
    `${c.failed}/${c.passed + c.failed}`,
    c.control.title,
  ]);
  const headline =
    `${score.framework.name} ${score.framework.version}: ` +
    (score.score === null ? "no automated control could be decided" : `score ${score.score}%`) +
    ` (${score.counts.pass} pass, ${score.counts.fail} fail, ${score.counts.error} error, ${score.counts.no_data} no data, ${score.counts.manual} manual)`;
  return rows.length === 0
    ? headline
    : `${headline}\n${textTable(["CONTROL", "STATUS", "FAILING", "TITLE"], rows)}`;
}

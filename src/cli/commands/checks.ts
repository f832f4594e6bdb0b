import { Command } from "commander";
import { complianceIndex } from "../../compliance/index.js";
import { addOutputOption, emit, formatOption, loadAllFrameworks, loadRegistry } from "../context.js";
import { csvTable, textTable } from "../table.js";

export function checksCommand(): Command {
  const command = new Command("checks").summary("list the checks Mamori runs");
  const list = new Command("list")
    .summary("list every check: id, severity, title, resource types and framework controls")
    .addOption(formatOption(["table", "json", "csv"], "table"))
    .option("--checks-dir <dir>", "include the custom CEL checks in this folder")
    .option("--type <resourceType>", "only checks that read this resource type");
  addOutputOption(list).action(
    (options: { format: string; output?: string; checksDir?: string; type?: string }) => {
      const compliance = complianceIndex(loadAllFrameworks());
      const checks = loadRegistry(options.checksDir)
        .all()
        .filter((c) => !options.type || c.resourceTypes.includes(options.type));
      if (options.format === "json") {
        const out = checks.map((c) => ({
          id: c.id,
          severity: c.severity,
          title: c.title,
          description: c.description,
          resourceTypes: c.resourceTypes,
          remediation: c.remediation,
          frameworks: compliance(c.id),
        }));
        emit(JSON.stringify(out, null, 2), options.output);
        return;
      }
      const headers = ["ID", "SEVERITY", "TITLE", "FRAMEWORKS"];
      const rows = checks.map((c) => [
        c.id,
        c.severity,
        c.title,
        compliance(c.id)
          .map((r) => `${r.framework}-${r.version} ${r.control}`)
          .join("; "),
      ]);
      emit(
        options.format === "csv" ? csvTable(headers, rows) : textTable(headers, rows, 100),
        options.output,
      );
    },
  );
  return command.addCommand(list);
}

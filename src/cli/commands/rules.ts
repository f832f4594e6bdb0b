import { Command } from "commander";
import { formatMessage } from "../../detect/messages.js";
import { loadEngine } from "../../detect/run.js";
import { EXIT, UsageError } from "../errors.js";

export function rulesCommand(): Command {
  const command = new Command("rules").summary("validate and list Falco/Sigma detection rules");
  command
    .command("validate")
    .description("Load rule files or folders; exit 0 when all load, 2 with file:line errors otherwise")
    .argument("<path...>", "Falco rule files or folders")
    .option("--warnings", "also print warnings")
    .action((paths: string[], options: { warnings?: boolean }) => {
      const { engine } = loadEngine({ rules: paths });
      const shown = engine.messages.filter((m) => options.warnings || m.severity === "error");
      for (const m of shown) process.stderr.write(`${formatMessage(m)}\n`);
      const errors = engine.errors.length;
      const warnings = engine.messages.length - errors;
      if (errors > 0) {
        process.stderr.write(
          `${errors} error(s), ${warnings} warning(s); ${engine.rules.length} rule(s) loaded\n`,
        );
        process.exitCode = EXIT.usage;
        return;
      }
      process.stdout.write(
        `OK: ${engine.rules.length} enabled rule(s) loaded, 0 errors, ${warnings} warning(s)\n`,
      );
    });
  command
    .command("list")
    .description("List the rules that would run (the built-in pack unless --rules is given)")
    .option("-r, --rules <path>", "Falco rule file or folder (repeatable)", (v: string, p: string[] = []) => [
      ...p,
      v,
    ])
    .option("--sigma <dir>", "Sigma rules folder (repeatable)", (v: string, p: string[] = []) => [...p, v])
    .option("--json", "one JSON object per rule")
    .action((options: { rules?: string[]; sigma?: string[]; json?: boolean }) => {
      const { engine } = loadEngine({ rules: options.rules, sigma: options.sigma });
      if (engine.errors.length > 0 && engine.rules.length === 0)
        throw new UsageError(formatMessage(engine.errors[0] as (typeof engine.errors)[number]));
      for (const rule of engine.rules) {
        if (options.json)
          process.stdout.write(
            `${JSON.stringify({ rule: rule.name, priority: rule.priority, source: rule.source, tags: rule.tags, file: rule.file, line: rule.line })}\n`,
          );
        else process.stdout.write(`${rule.priority.padEnd(13)} ${rule.source.padEnd(15)} ${rule.name}\n`);
      }
    });
  return command;
}

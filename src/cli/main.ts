import { Command, CommanderError } from "commander";
import { COMMANDS } from "./commands/index.js";
import { TOOL } from "./context.js";
import { describeError } from "./describe-error.js";
import { EXIT } from "./errors.js";

/** Builds the `mamori` program. Exported for tests, which run it in-process. */
export function buildProgram(): Command {
  const program = new Command("mamori")
    .description("Mamori — cloud-native application protection: posture, IaC, vulnerabilities, detection")
    .version(TOOL.version, "-V, --version")
    .option("--debug", "print stack traces of internal errors")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
  for (const make of COMMANDS) {
    const command = make();
    applyDefaults(command);
    program.addCommand(command);
  }
  return program;
}

/** Commands added with addCommand do not inherit these settings, so apply them down the tree. */
function applyDefaults(command: Command): void {
  command
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(true);
  for (const sub of command.commands) applyDefaults(sub);
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (["commander.helpDisplayed", "commander.help", "commander.version"].includes(error.code))
        return EXIT.ok;
      if (error.code === "commander.executeSubCommandAsync") return EXIT.ok;
      process.stderr.write(`mamori: ${error.message.replace(/^error: /, "").split("\n")[0]} (see --help)\n`);
      return EXIT.usage;
    }
    const { message, usage } = describeError(error);
    process.stderr.write(`mamori: ${message}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    else if (!usage) process.stderr.write("mamori: this is a bug; run again with --debug for details\n");
    return usage ? EXIT.usage : EXIT.internal;
  }
}

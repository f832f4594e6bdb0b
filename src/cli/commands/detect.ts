import { Command, Option } from "commander";
import { formatMessage } from "../../detect/messages.js";
import { alertLine } from "../../detect/outputs/format.js";
import { loadOutputConfig, OutputConfigError, type OutputRouter } from "../../detect/outputs/index.js";
import { ReadError } from "../../detect/readers.js";
import { loadEngine, runDetection } from "../../detect/run.js";
import { SOURCE_NAMES } from "../../detect/sources.js";
import type { Alert } from "../../detect/types.js";
import { priorityLabel } from "../../detect/types.js";
import { TOOL } from "../context.js";
import { EXIT, UsageError } from "../errors.js";

interface DetectOptions {
  rules?: string[];
  sigma?: string[];
  source?: string;
  outputConfig?: string;
  format: "json" | "table";
  dedupWindow: string;
  rateLimit: string;
  incidentWindow: string;
  failOnAlert?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function seconds(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} ${value}: expected a non-negative number`);
  return n;
}

export function detectCommand(): Command {
  return new Command("detect")
    .summary(
      "run Falco-compatible rules on CloudTrail, Kubernetes, GCP, Okta, GitHub, Azure logs and Falco alerts",
    )
    .description(
      'Read events from INPUT... (files or folders: CloudTrail {"Records":[…]} files, gzip, JSON lines),\n' +
        "match them against Falco rules (the built-in pack unless --rules is given) and Sigma rules,\n" +
        "print alerts and forward them to the outputs of --output-config. A summary goes to stderr.",
    )
    .argument("<input...>", "event files or folders")
    .option("-r, --rules <path>", "Falco rule file or folder (repeatable)", collect)
    .option("--sigma <dir>", "Sigma rules folder (repeatable)", collect)
    .addOption(
      new Option("--source <name>", "source of every input (default: detected per event)").choices([
        ...SOURCE_NAMES,
      ]),
    )
    .option("--output-config <file>", "YAML file with an 'outputs:' list (webhook, syslog, splunk, …)")
    .addOption(
      new Option("-f, --format <format>", "alert format on stdout")
        .choices(["json", "table"])
        .default("table"),
    )
    .option("--dedup-window <seconds>", "suppress identical alerts within this event-time window", "60")
    .option("--rate-limit <n>", "at most n alerts per rule per minute of event time (0 = no limit)", "0")
    .option(
      "--incident-window <seconds>",
      "group an actor's alerts closer than this into one incident",
      "900",
    )
    .option("--fail-on-alert", "exit 1 when any alert was raised")
    .action(async (inputs: string[], options: DetectOptions) => {
      const pipeline = {
        dedupWindowSeconds: seconds(options.dedupWindow, "--dedup-window"),
        ratePerRule: seconds(options.rateLimit, "--rate-limit"),
        rateWindowSeconds: 60,
        incidentWindowSeconds: seconds(options.incidentWindow, "--incident-window"),
      };
      const { engine, sigma } = loadEngine({ rules: options.rules, sigma: options.sigma });
      for (const m of engine.messages.filter((x) => x.severity === "error"))
        process.stderr.write(`${formatMessage(m)}\n`);
      if (engine.rules.length === 0) throw new UsageError("no rule could be loaded");
      let router: OutputRouter | undefined;
      if (options.outputConfig) {
        try {
          router = await loadOutputConfig(options.outputConfig, TOOL.version);
        } catch (error) {
          if (error instanceof OutputConfigError) throw new UsageError(error.message);
          throw error;
        }
      }
      const table: Alert[] = [];
      const onAlert = (alert: Alert) => {
        if (options.format === "json") process.stdout.write(`${alertLine(alert)}\n`);
        else table.push(alert);
      };
      let stats: Awaited<ReturnType<typeof runDetection>>;
      try {
        stats = await runDetection({ engine, inputs, source: options.source, pipeline, router, onAlert });
      } catch (error) {
        await router?.close();
        if (error instanceof ReadError) throw new UsageError(error.message);
        throw error;
      }
      await router?.close();
      if (options.format === "table") process.stdout.write(renderTable(table));
      const err = (s: string) => process.stderr.write(`${s}\n`);
      for (const e of stats.firstErrors) err(`dropped: ${e}`);
      err(
        `events read ${stats.eventsRead}, matched ${stats.matched}, alerts ${stats.alerts} (suppressed ${stats.suppressed}), dropped ${stats.eventsDropped}, rules ${engine.rules.length}${sigma ? ` (sigma ${sigma.rules.length}/${sigma.total} loaded)` : ""}, incidents ${stats.pipeline.incidentCount}`,
      );
      for (const o of router?.stats() ?? [])
        err(
          `output ${o.name} (${o.type}): forwarded ${o.counters.sent}, failed ${o.counters.failed}, dropped ${o.counters.dropped}, filtered ${o.counters.filtered}${o.lastError ? `, last error: ${o.lastError}` : ""}`,
        );
      if (options.failOnAlert && stats.alerts > 0) process.exitCode = EXIT.findings;
    });
}

function renderTable(alerts: Alert[]): string {
  if (alerts.length === 0) return "No alerts.\n";
  return `${alerts
    .map((a) => `${a.time}  ${priorityLabel(a.priority).padEnd(13)} ${a.rule}\n    ${a.output}`)
    .join("\n")}\n`;
}

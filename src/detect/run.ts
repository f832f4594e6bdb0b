import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AlertPipeline, type PipelineOptions } from "./alerts.js";
import { Engine } from "./engine.js";
import { RuleSet } from "./loader.js";
import type { OutputRouter } from "./outputs/index.js";
import { EventFactory, isRecordError, type ReadItem, readInputBatches } from "./readers.js";
import { loadSigmaDir, type SigmaReport } from "./sigma.js";
import type { Alert } from "./types.js";

/** The built-in rule pack: `rules/` at the package root (same depth from src/ and dist/). */
export function builtinRulesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, "..", "..", "rules"), join(here, "..", "..", "..", "rules")])
    if (existsSync(candidate)) return candidate;
  return join(here, "..", "..", "rules");
}

export interface LoadedEngine {
  engine: Engine;
  ruleset: RuleSet;
  sigma?: SigmaReport;
}

/** Falco rule files (or the built-in pack) plus Sigma rules, compiled into one engine. */
export function loadEngine(options: { rules?: string[]; sigma?: string[]; base?: string }): LoadedEngine {
  const ruleset = new RuleSet();
  const paths = options.rules?.length ? options.rules : [builtinRulesDir()];
  for (const path of paths) ruleset.loadPath(path, options.base);
  let sigma: SigmaReport | undefined;
  for (const dir of options.sigma ?? []) {
    const report = loadSigmaDir(dir, options.base);
    sigma = sigma
      ? {
          ...sigma,
          rules: [...sigma.rules, ...report.rules],
          skipped: [...sigma.skipped, ...report.skipped],
          total: sigma.total + report.total,
        }
      : report;
  }
  const engine = Engine.fromRuleSet(ruleset, sigma?.rules ?? []);
  return { engine, ruleset, sigma };
}

export interface RunStats {
  eventsRead: number;
  eventsDropped: number;
  matched: number;
  alerts: number;
  suppressed: number;
  firstErrors: string[];
}

/** Reads every input, runs the engine and the alert pipeline, and hands alerts to the router. */
export async function runDetection(options: {
  engine: Engine;
  inputs: string[];
  source?: string;
  pipeline?: PipelineOptions;
  router?: OutputRouter;
  onAlert?: (alert: Alert) => void;
  items?: AsyncIterable<ReadItem>;
}): Promise<RunStats & { pipeline: AlertPipeline }> {
  const pipeline = new AlertPipeline(options.pipeline);
  const stats: RunStats = {
    eventsRead: 0,
    eventsDropped: 0,
    matched: 0,
    alerts: 0,
    suppressed: 0,
    firstErrors: [],
  };
  const batches = options.items
    ? single(options.items)
    : readInputBatches(options.inputs, options.source, new EventFactory());
  for await (const batch of batches)
    for (const item of batch) {
      if (isRecordError(item)) {
        stats.eventsDropped++;
        if (stats.firstErrors.length < 5) stats.firstErrors.push(item.error);
        continue;
      }
      stats.eventsRead++;
      const alerts = options.engine.process(item);
      if (alerts.length === 0) continue;
      stats.matched++;
      const ctx = {
        timeMs: item.timeMs,
        actor: options.engine.actorOf(item),
        resource: options.engine.resourceOf(item),
      };
      for (const alert of alerts) {
        const accepted = pipeline.accept(alert, ctx);
        if (!accepted) {
          stats.suppressed++;
          continue;
        }
        stats.alerts++;
        options.onAlert?.(accepted);
        options.router?.publish(accepted);
      }
      // Drop the per-event field cache now that every rule has seen the event.
      item.cache = undefined;
    }
  return { ...stats, pipeline };
}

async function* single(items: AsyncIterable<ReadItem>): AsyncGenerator<ReadItem[]> {
  for await (const item of items) yield [item];
}

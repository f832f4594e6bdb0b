import { EventFactory } from "../detect/readers.js";
import { loadEngine } from "../detect/run.js";
import type { DetectionEngine, EngineAlert } from "./detection.js";

export interface LoadedDetection {
  engine: DetectionEngine;
  rules: number;
  /** Rule-loading errors (file:line messages); rules with errors are left out by the engine. */
  errors: string[];
}

/**
 * src/detect's engine behind the server's DetectionEngine interface: the
 * built-in rule pack (rules/) or the given Falco rule files, one event at a time.
 */
export function loadDetection(rules?: string[]): LoadedDetection {
  const { engine } = loadEngine(rules?.length ? { rules } : {});
  const factory = new EventFactory();
  return {
    rules: engine.rules.length,
    errors: engine.errors.map((m) => String((m as { message?: unknown }).message ?? m)),
    engine: {
      process(raw: Record<string, unknown>, source: string): EngineAlert[] {
        return engine.process(factory.make(source, raw, "http")).map((a) => {
          const alert: EngineAlert = {
            rule: a.rule,
            priority: a.priority,
            time: a.time,
            output: a.output,
            source: a.source,
            tags: a.tags,
            fields: a.fields,
          };
          if (a.eventId !== undefined) alert.eventId = a.eventId;
          return alert;
        });
      },
    },
  };
}

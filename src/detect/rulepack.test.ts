/**
 * The built-in rule pack: every rule has a positive and a negative test event under
 * rules/<provider>/tests/, fires on the positive one and not on the negative one.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Engine } from "./engine.js";
import { RuleSet } from "./loader.js";
import { EventFactory } from "./readers.js";
import { builtinRulesDir } from "./run.js";

interface Case {
  rule: string;
  positive: Record<string, unknown>;
  negative: Record<string, unknown>;
  repeat?: number;
  negativeRepeat?: number;
}
interface TestFile {
  source: string;
  timeFields?: string[];
  defaults: Record<string, unknown>;
  cases: Case[];
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (over === null || typeof over !== "object" || Array.isArray(over)) return over;
  if (base === null || typeof base !== "object" || Array.isArray(base)) return structuredClone(over);
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
  return out;
}

const dir = builtinRulesDir();
const ruleset = new RuleSet();
ruleset.loadPath(dir, dir);
const testFiles = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(dir, d.name, "tests"))
      .filter((f) => f.endsWith(".json"))
      .map((f) => join(dir, d.name, "tests", f)),
  );

/** Alerts of one rule over `count` copies of an event, one second apart, on a fresh engine. */
function fire(file: TestFile, rule: string, event: Record<string, unknown>, count: number): number {
  const engine = Engine.fromRuleSet(ruleset);
  const factory = new EventFactory();
  let hits = 0;
  const timeFields = file.timeFields ?? [];
  for (let i = 0; i < count; i++) {
    const raw = structuredClone(event);
    for (const key of timeFields) {
      const t = Date.parse(String(raw[key] ?? "2026-03-01T12:00:00Z"));
      raw[key] = new Date(t + i * 1000).toISOString();
    }
    hits += engine.process(factory.make(file.source, raw)).filter((a) => a.rule === rule).length;
  }
  return hits;
}

describe("built-in rule pack", () => {
  it("loads with zero errors and zero warnings", () => {
    const engine = Engine.fromRuleSet(ruleset);
    assert.deepEqual(engine.messages, []);
    assert.ok(engine.rules.length >= 60, `only ${engine.rules.length} rules`);
  });

  it("tags every rule with a MITRE ATT&CK technique id", () => {
    for (const rule of ruleset.rules.values())
      assert.ok(
        rule.tags.some((t) => /^T\d{4}(\.\d{3})?$/.test(t)),
        `${rule.name} has no technique tag`,
      );
  });

  const tested = new Set<string>();
  for (const path of testFiles) {
    const file = JSON.parse(readFileSync(path, "utf8")) as TestFile;
    describe(path.slice(dir.length + 1), () => {
      for (const c of file.cases) {
        tested.add(c.rule);
        it(`${c.rule}: fires on the positive event, not on the negative one`, () => {
          assert.ok(ruleset.rules.has(c.rule), `no rule named ${c.rule}`);
          const positive = merge(file.defaults, c.positive) as Record<string, unknown>;
          const negative = merge(file.defaults, c.negative) as Record<string, unknown>;
          assert.ok(fire(file, c.rule, positive, c.repeat ?? 1) > 0, "did not fire on the positive event");
          assert.equal(fire(file, c.rule, negative, c.negativeRepeat ?? 1), 0, "fired on the negative event");
        });
      }
    });
  }

  it("has a test case for every rule", () => {
    const missing = [...ruleset.rules.keys()].filter((r) => !tested.has(r));
    assert.deepEqual(missing, []);
  });
});

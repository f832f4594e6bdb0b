import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  asScenario,
  checkCommands,
  listScenarios,
  loadScenario,
  ScenarioError,
  scenarioNames,
} from "./scenario.js";

const SCENARIOS = join(import.meta.dirname, "..", "scenarios");

describe("scenarioNames", () => {
  it("keeps <name>.ts files, not tests, declarations, helpers or other files", () => {
    assert.deepEqual(
      scenarioNames(["b.ts", "a-b.ts", "a.test.ts", "x.d.ts", "_helper.ts", "README.md", "c.js"]),
      ["a-b", "b"],
    );
  });
});

describe("asScenario", () => {
  const valid = { name: "demo", description: "d", prepare: async () => {}, commands: () => [] };
  it("accepts named exports and a default export", () => {
    assert.equal(asScenario(valid, "/s/demo.ts").name, "demo");
    assert.equal(asScenario({ default: valid }, "/s/demo.ts").name, "demo");
  });
  it("names every problem and the file", () => {
    assert.throws(
      () => asScenario({ name: "other", commands: 1 }, "/s/demo.ts"),
      (error: unknown) =>
        error instanceof ScenarioError &&
        /\/s\/demo\.ts: description must be a string; prepare\(workDir\) must be a function; commands\(workDir, run\) must be a function; name "other" must match the file name "demo"/.test(
          error.message,
        ),
    );
  });
});

describe("checkCommands", () => {
  it("accepts a list of labelled commands", () => {
    assert.equal(checkCommands([{ label: "a", role: "floor", argv: ["node"] }], "s").length, 1);
  });
  it("refuses empty lists, duplicate labels, unknown roles and empty argv", () => {
    assert.throws(() => checkCommands([], "s"), /non-empty list/);
    assert.throws(
      () =>
        checkCommands(
          [
            { label: "a", role: "floor", argv: ["x"] },
            { label: "a", role: "floor", argv: ["x"] },
          ],
          "s",
        ),
      /duplicate label "a"/,
    );
    assert.throws(
      () => checkCommands([{ label: "a", role: "boss", argv: ["x"] }], "s"),
      /role must be one of subject, floor, peer/,
    );
    assert.throws(
      () => checkCommands([{ label: "a", role: "peer", argv: [] }], "s"),
      /argv must be a non-empty list/,
    );
  });
});

describe("the scenarios folder", () => {
  it("holds posture-snapshot, whose commands have a floor and vary the data folder by run", async () => {
    assert.ok((await listScenarios(SCENARIOS)).includes("posture-snapshot"));
    const scenario = await loadScenario(SCENARIOS, "posture-snapshot");
    const first = checkCommands(scenario.commands("/w", { index: 1, warmup: false }), scenario.name);
    const second = checkCommands(scenario.commands("/w", { index: 2, warmup: false }), scenario.name);
    assert.deepEqual(
      first.map((c) => [c.label, c.role]),
      [
        ["mamori scan (no store)", "subject"],
        ["mamori scan (embedded store)", "subject"],
        ["read + parse", "floor"],
      ],
    );
    assert.deepEqual(first[0]?.argv, [
      "node",
      "dist/cli/bin.js",
      "scan",
      "/w/snapshot.json",
      "--no-store",
      "--format",
      "json",
      "--include-passed",
      "--output",
      "/w/out.json",
    ]);
    assert.ok(first[1]?.argv.includes("/w/data-1"));
    assert.ok(second[1]?.argv.includes("/w/data-2"));
    assert.equal(typeof first[1]?.cleanup, "function");
    assert.deepEqual(first[2]?.argv.slice(0, 2), ["node", "-e"]);
    assert.equal(first[2]?.argv.at(-1), "/w/snapshot.json");
  });
});

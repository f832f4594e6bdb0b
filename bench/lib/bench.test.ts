import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CommandFailedError, runScenario, schedule } from "./bench.js";
import type { RunResult } from "./measure.js";
import type { BenchCommand, RunInfo, Scenario } from "./scenario.js";

const ok = (wallMs: number): RunResult => ({
  wallMs,
  peakRssBytes: 1024 * wallMs,
  userMs: 1,
  sysMs: 1,
  exitCode: 0,
  stderr: "",
});

function fakeScenario(log: string[], extra: Partial<Scenario> = {}): Scenario {
  return {
    name: "fake",
    description: "fake",
    prepare: async () => {},
    commands: (workDir: string, run: RunInfo): BenchCommand[] => [
      {
        label: "a",
        role: "subject",
        argv: ["a", `${workDir}/out-${run.warmup ? "w" : run.index}`],
        cleanup: async () => void log.push(`clean a ${run.index}`),
      },
      { label: "b", role: "floor", argv: ["b"] },
    ],
    ...extra,
  };
}

describe("schedule", () => {
  it("runs one warm-up round, then the counted rounds, each starting one command later", () => {
    const order = schedule(3, 2).map(({ run, command }) => `${run.warmup ? "w" : run.index}:${command}`);
    assert.deepEqual(order, ["w:0", "w:1", "w:2", "1:0", "1:1", "1:2", "2:1", "2:2", "2:0"]);
  });
});

describe("runScenario", () => {
  it("warms up each command once, uncounted, then interleaves the counted runs", async () => {
    const log: string[] = [];
    let n = 0;
    const runs = await runScenario(fakeScenario(log), "/w", {
      runs: 3,
      measure: async (argv) => {
        log.push(argv.join(" "));
        return ok(++n);
      },
    });
    assert.deepEqual(log, [
      "a /w/out-w",
      "clean a 0",
      "b",
      "a /w/out-1",
      "clean a 1",
      "b",
      "b",
      "a /w/out-2",
      "clean a 2",
      "a /w/out-3",
      "clean a 3",
      "b",
    ]);
    assert.deepEqual(
      runs.map((r) => [r.label, r.role, r.argv, r.samples.map((s) => [s.run, s.wallMs])]),
      [
        [
          "a",
          "subject",
          ["a", "/w/out-1"],
          [
            [1, 3],
            [2, 6],
            [3, 7],
          ],
        ],
        [
          "b",
          "floor",
          ["b"],
          [
            [1, 4],
            [2, 5],
            [3, 8],
          ],
        ],
      ],
    );
  });

  it("fails on a non-zero exit, showing the command's stderr, and still cleans up", async () => {
    const log: string[] = [];
    await assert.rejects(
      runScenario(fakeScenario(log), "/w", {
        runs: 2,
        measure: async (argv) =>
          argv[0] === "a" ? { ...ok(1), exitCode: 3, stderr: "boom: bad snapshot\n" } : ok(1),
      }),
      (error: unknown) => {
        assert.ok(error instanceof CommandFailedError);
        assert.match(error.message, /command "a" exited with status 3 on the warm-up run/);
        assert.match(error.message, /argv: a \/w\/out-w/);
        assert.match(error.message, /boom: bad snapshot/);
        return true;
      },
    );
    assert.deepEqual(log, ["clean a 0"]);
  });

  it("records the counters a command reads from its stderr with each counted sample", async () => {
    const scenario = fakeScenario([], {
      commands: (): BenchCommand[] => [
        {
          label: "a",
          role: "subject",
          argv: ["a"],
          counters: (stderr) => ({ apiCalls: Number(/(\d+) API calls/.exec(stderr)?.[1]) }),
        },
        { label: "b", role: "floor", argv: ["b"] },
      ],
    });
    let n = 0;
    const [a, b] = await runScenario(scenario, "/w", {
      runs: 2,
      measure: async (argv) => ({ ...ok(1), stderr: argv[0] === "a" ? `${++n * 10} API calls\n` : "" }),
    });
    // The warm-up made 10 calls and is not counted.
    assert.deepEqual(
      a?.samples.map((s) => s.counters),
      [{ apiCalls: 20 }, { apiCalls: 30 }],
    );
    assert.deepEqual(
      b?.samples.map((s) => s.counters),
      [undefined, undefined],
    );
  });

  it("fails on a command killed by a signal", async () => {
    await assert.rejects(
      runScenario(fakeScenario([]), "/w", {
        runs: 1,
        measure: async () => ({ ...ok(1), exitCode: null, failure: "killed by signal 9" }),
      }),
      /killed by signal 9/,
    );
  });

  it("refuses commands whose labels change between runs", async () => {
    const scenario = fakeScenario([], {
      commands: (_dir, run) => [{ label: `a${run.index}`, role: "subject", argv: ["a"] }],
    });
    await assert.rejects(runScenario(scenario, "/w", { runs: 1, measure: async () => ok(1) }), /same labels/);
  });

  it("refuses a bad run count", async () => {
    await assert.rejects(
      runScenario(fakeScenario([]), "/w", { runs: 0, measure: async () => ok(1) }),
      RangeError,
    );
  });
});

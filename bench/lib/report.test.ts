import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CommandRuns } from "./bench.js";
import {
  buildResult,
  cpuModelFromCpuinfo,
  formatTable,
  MB,
  portableArgv,
  ratios,
  summarize,
} from "./report.js";

const sample = (run: number, wallMs: number, rssMb: number) => ({
  run,
  wallMs,
  peakRssBytes: rssMb * MB,
  userMs: wallMs * 0.8,
  sysMs: wallMs * 0.1,
});

const runs: CommandRuns[] = [
  {
    label: "tool",
    role: "subject",
    argv: ["tool", "scan"],
    samples: [sample(1, 300, 200), sample(2, 500, 220), sample(3, 400, 210)],
  },
  {
    label: "other tool",
    role: "peer",
    argv: ["other"],
    samples: [sample(1, 800, 400), sample(2, 800, 400), sample(3, 800, 400)],
  },
  {
    label: "read + parse",
    role: "floor",
    argv: ["node", "-e", "x"],
    samples: [sample(1, 100, 100), sample(2, 90, 100), sample(3, 110, 100)],
  },
];

describe("summarize", () => {
  it("gives median, min and max of wall time, RSS and CPU per command", () => {
    const [tool] = summarize(runs);
    assert.deepEqual(tool?.wallMs, { median: 400, min: 300, max: 500 });
    assert.deepEqual(tool?.peakRssBytes, { median: 210 * MB, min: 200 * MB, max: 220 * MB });
    assert.equal(tool?.cpuMs.median, 400 * 0.9);
  });
});

describe("ratios", () => {
  it("compares subjects and peers with each floor, and subjects with each peer", () => {
    const result = ratios(summarize(runs));
    assert.deepEqual(
      result.map((r) => [r.label, r.baseline, r.baselineRole, r.wallTime, r.peakRss]),
      [
        ["tool", "read + parse", "floor", 4, 2.1],
        ["tool", "other tool", "peer", 0.5, 0.525],
        ["other tool", "read + parse", "floor", 8, 4],
      ],
    );
  });
  it("is empty when there is nothing to compare with", () => {
    assert.deepEqual(ratios(summarize(runs.slice(0, 1))), []);
  });
});

describe("formatTable", () => {
  it("prints an aligned Markdown table with the ratio to the floor", () => {
    assert.equal(
      formatTable(summarize(runs)),
      [
        "| command      | role    | median ms | min ms | max ms | peak RSS MB | × floor |",
        "|--------------|---------|----------:|-------:|-------:|------------:|--------:|",
        "| tool         | subject |       400 |    300 |    500 |       210.0 |   4.00× |",
        "| other tool   | peer    |       800 |    800 |    800 |       400.0 |   8.00× |",
        "| read + parse | floor   |       100 |   90.0 |    110 |       100.0 |   1.00× |",
      ].join("\n"),
    );
  });
  it("shows a dash when there is no floor", () => {
    const lines = formatTable(summarize(runs.slice(0, 1))).split("\n");
    assert.match(lines[2] ?? "", /\| +– \|$/);
  });
});

describe("buildResult", () => {
  it("records the scenario, machine, runs, every sample, the medians and the ratios", () => {
    const machine = {
      cpuModel: "Test CPU",
      cores: 4,
      totalMemoryBytes: 8 * 1024 * MB,
      nodeVersion: "v20.0.0",
      os: "Linux 6.0 x64",
      python: "Python 3.11.0",
    };
    const result = buildResult({
      scenario: "demo",
      description: "a demo",
      date: new Date("2026-01-02T03:04:05Z"),
      machine,
      git: { commit: "abc", dirty: false },
      runs: 3,
      warmupRuns: 1,
      summaries: summarize(runs),
    });
    assert.deepEqual(Object.keys(result), [
      "scenario",
      "description",
      "date",
      "machine",
      "git",
      "runs",
      "warmupRuns",
      "commands",
      "ratios",
    ]);
    assert.equal(result.date, "2026-01-02T03:04:05.000Z");
    assert.deepEqual(result.machine, machine);
    assert.equal(result.commands.length, 3);
    const tool = result.commands[0];
    assert.deepEqual(Object.keys(tool ?? {}), ["label", "role", "argv", "samples", "median", "min", "max"]);
    assert.deepEqual(tool?.argv, ["tool", "scan"]);
    assert.equal(tool?.samples.length, 3);
    assert.deepEqual(tool?.samples[0], {
      run: 1,
      wallMs: 300,
      peakRssBytes: 200 * MB,
      userMs: 240,
      sysMs: 30,
    });
    assert.deepEqual(tool?.median, { wallMs: 400, peakRssBytes: 210 * MB, cpuMs: 360 });
    assert.deepEqual(tool?.min, { wallMs: 300, peakRssBytes: 200 * MB });
    assert.deepEqual(tool?.max, { wallMs: 500, peakRssBytes: 220 * MB });
    assert.deepEqual(result.ratios[0], {
      label: "tool",
      baseline: "read + parse",
      baselineRole: "floor",
      wallTime: 4,
      peakRss: 2.1,
    });
    // survives a round trip through JSON unchanged (no undefined, no NaN)
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
  });
});

describe("portableArgv", () => {
  it("writes the temporary work folder as <workDir>", () => {
    assert.deepEqual(
      portableArgv(["node", "scan", "/tmp/b-1/in.json", "--out=/tmp/b-1/o", "/tmp/b-10"], "/tmp/b-1"),
      ["node", "scan", "<workDir>/in.json", "--out=<workDir>/o", "/tmp/b-10"],
    );
  });
  it("matches the folder literally, not as a pattern", () => {
    assert.deepEqual(portableArgv(["a.b/c", "axb/c"], "a.b"), ["<workDir>/c", "axb/c"]);
  });
  it("is applied to the recorded argv when buildResult is given the work folder", () => {
    const result = buildResult({
      scenario: "s",
      description: "",
      date: new Date(0),
      machine: { cpuModel: "", cores: 1, totalMemoryBytes: 1, nodeVersion: "", os: "", python: "" },
      git: null,
      runs: 1,
      warmupRuns: 1,
      summaries: summarize([
        { label: "t", role: "subject", argv: ["t", "/w/x"], samples: [sample(1, 1, 1)] },
      ]),
      workDir: "/w",
    });
    assert.deepEqual(result.commands[0]?.argv, ["t", "<workDir>/x"]);
  });
});

describe("cpuModelFromCpuinfo", () => {
  it("reads the model name of x86 /proc/cpuinfo", () => {
    const text =
      "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nflags\t: fpu\n";
    assert.equal(cpuModelFromCpuinfo(text), "Intel(R) Xeon(R) CPU @ 2.20GHz");
  });
  it("falls back to the Hardware line of ARM boards, else undefined", () => {
    assert.equal(cpuModelFromCpuinfo("processor\t: 0\nBogoMIPS\t: 108.00\nHardware\t: BCM2835\n"), "BCM2835");
    assert.equal(cpuModelFromCpuinfo(""), undefined);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ArgsError, DEFAULT_RUNS, parseBenchArgs } from "./args.js";
import { DEFAULT_TIMEOUT_SECONDS } from "./measure.js";

describe("parseBenchArgs", () => {
  it("takes a scenario with default runs and a build", () => {
    assert.deepEqual(parseBenchArgs(["posture-snapshot"]), {
      scenario: "posture-snapshot",
      runs: DEFAULT_RUNS,
      list: false,
      help: false,
      keep: false,
      build: true,
      timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    });
  });
  it("reads --runs, --keep, --no-build and --list", () => {
    const args = parseBenchArgs(["x", "--runs", "3", "--keep", "--no-build"]);
    assert.equal(args.runs, 3);
    assert.equal(args.keep, true);
    assert.equal(args.build, false);
    assert.equal(parseBenchArgs(["--runs=7", "x"]).runs, 7);
    assert.equal(parseBenchArgs(["x", "--timeout", "30"]).timeoutSeconds, 30);
    assert.equal(parseBenchArgs(["--list"]).list, true);
    assert.equal(parseBenchArgs(["--list"]).scenario, undefined);
  });
  it("refuses bad runs, unknown options and two scenarios with one-line messages", () => {
    for (const argv of [
      ["x", "--runs", "0"],
      ["x", "--runs", "2.5"],
      ["x", "--runs", "many"],
      ["x", "--fast"],
      ["x", "--timeout", "0"],
      ["a", "b"],
    ]) {
      assert.throws(
        () => parseBenchArgs(argv),
        (error: unknown) => error instanceof ArgsError && !error.message.includes("\n"),
        argv.join(" "),
      );
    }
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { measure, parseWrapperOutput, succeeded } from "./measure.js";

// These run real (tiny) processes under the python3 wrapper; they check what is reported, never how fast.
describe("measure", () => {
  it("reports wall time, peak RSS and CPU time of a successful command", async () => {
    const result = await measure([process.execPath, "-e", "Buffer.alloc(32 * 1024 * 1024, 1)"], {
      cwd: process.cwd(),
    });
    assert.equal(result.exitCode, 0);
    assert.ok(succeeded(result));
    assert.ok(result.wallMs > 0);
    // node itself plus a 32 MiB buffer it filled: well over 32 MiB resident
    assert.ok(result.peakRssBytes > 32 * 1024 * 1024, `peak RSS ${result.peakRssBytes}`);
    assert.ok(result.userMs + result.sysMs > 0);
  });

  it("reports a non-zero exit with the command's stderr", async () => {
    const result = await measure([process.execPath, "-e", 'console.error("broken input"); process.exit(4)'], {
      cwd: process.cwd(),
    });
    assert.equal(result.exitCode, 4);
    assert.equal(succeeded(result), false);
    assert.match(result.stderr, /broken input/);
  });

  it("reports a command that cannot start", async () => {
    const result = await measure(["/nonexistent/mamori-bench-no-such-program"], { cwd: process.cwd() });
    assert.equal(result.exitCode, null);
    assert.match(result.failure ?? "", /could not start/);
  });

  it("reports a command killed by a signal", async () => {
    const result = await measure([process.execPath, "-e", 'process.kill(process.pid, "SIGKILL")'], {
      cwd: process.cwd(),
    });
    assert.equal(result.failure, "killed by signal 9");
  });

  it("kills a command that runs past the timeout and keeps what it wrote to stderr", async () => {
    const result = await measure(
      [process.execPath, "-e", 'console.error("still working"); setInterval(() => {}, 1000)'],
      { cwd: process.cwd(), timeoutSeconds: 2 },
    );
    assert.equal(result.failure, "timed out after 2 s and was killed");
    assert.match(result.stderr, /still working/);
  });
});

describe("parseWrapperOutput", () => {
  it("refuses output that is not the wrapper's JSON", () => {
    assert.throws(() => parseWrapperOutput("Traceback ..."), /printed no JSON/);
    assert.throws(() => parseWrapperOutput('{"wallMs": -1}'), /bad wallMs/);
  });
});

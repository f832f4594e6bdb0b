import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readBaseline } from "./baseline.js";

const write = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), "mamori-baseline-")), "report.json");
  writeFileSync(file, text);
  return file;
};

describe("readBaseline", () => {
  it("collects the fingerprints of a JSON report", () => {
    const file = write(JSON.stringify({ findings: [{ fingerprint: "a" }, { fingerprint: "b" }] }));
    assert.deepEqual([...readBaseline(file)], ["a", "b"]);
  });

  it("explains what is wrong with a file that is not a JSON report", () => {
    assert.throws(() => readBaseline(write("<sarif/>")), /report\.json: not a readable JSON report/);
    assert.throws(() => readBaseline(write("{}")), /no "findings" list/);
    assert.throws(() => readBaseline(write('{"findings":[{}]}')), /findings\[0\]\.fingerprint is missing/);
  });
});

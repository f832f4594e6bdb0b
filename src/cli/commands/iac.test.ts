/** `mamori iac --parameter` / `--parameters-file`: template parameters from the command line, end to end. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const root = join(import.meta.dirname, "..", "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "mamori-iac-params-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function mamori(args: string[]) {
  const { DATABASE_URL: _, ...env } = process.env;
  const result = spawnSync(
    process.execPath,
    ["--import", import.meta.resolve("tsx"), join(root, "src", "cli", "bin.ts"), ...args],
    { cwd: tmp, encoding: "utf8", env: { ...env, NO_COLOR: "1" }, timeout: 120_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

writeFileSync(
  join(tmp, "bucket.cfn.yaml"),
  `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Versioning:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: params-demo
      VersioningConfiguration:
        Status: !Ref Versioning
`,
);
writeFileSync(
  join(tmp, "params.json"),
  JSON.stringify([{ ParameterKey: "Versioning", ParameterValue: "Suspended" }]),
);

function versioningStatus(args: string[]): string | undefined {
  const run = mamori(["iac", "bucket.cfn.yaml", "--format", "json", "--include-passed", ...args]);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  const report = JSON.parse(run.stdout) as { findings: { checkId: string; status: string }[] };
  return report.findings.find((f) => f.checkId === "aws.s3.versioning-enabled")?.status;
}

describe("mamori iac template parameters", () => {
  it("leaves a parameter without default or value unknown, and applies a file then --parameter over it", () => {
    assert.notEqual(versioningStatus([]), "fail");
    assert.equal(versioningStatus(["--parameters-file", "params.json"]), "fail");
    assert.equal(
      versioningStatus(["--parameters-file", "params.json", "--parameter", "Versioning=Enabled"]),
      "pass",
    );
  });

  it("refuses a malformed parameters file with a one-line usage error", () => {
    writeFileSync(join(tmp, "broken.json"), "{ nope");
    const run = mamori(["iac", "bucket.cfn.yaml", "--parameters-file", "broken.json"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /broken\.json: not valid JSON/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
});

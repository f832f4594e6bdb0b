/**
 * `mamori iac` end to end: a small repository with Terraform, CloudFormation,
 * Kubernetes and a Dockerfile, scanned by the real CLI in a child process.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import AjvDraft04 from "ajv-draft-04";

const root = join(import.meta.dirname, "..");

function mamori(cwd: string, args: string[]) {
  const { DATABASE_URL: _, ...env } = process.env;
  const result = spawnSync(
    process.execPath,
    ["--import", import.meta.resolve("tsx"), join(root, "src", "cli", "bin.ts"), ...args],
    { cwd, encoding: "utf8", env: { ...env, NO_COLOR: "1" }, timeout: 120_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonFinding {
  checkId: string;
  status: string;
  fingerprint: string;
  resource: { id: string; type: string };
  location?: { file: string; startLine: number };
  muted?: { reason: string };
}

function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), "mamori-iac-"));
  mkdirSync(join(dir, "terraform"));
  mkdirSync(join(dir, "cloudformation"));
  mkdirSync(join(dir, "k8s"));
  writeFileSync(
    join(dir, "terraform", "main.tf"),
    [
      'variable "bucket" {',
      '  default = "acme-data"',
      "}",
      "",
      'resource "aws_s3_bucket" "data" {',
      "  bucket = var.bucket",
      "}",
      "",
      "# mamori:ignore aws.s3.access-logging the log bucket itself is not logged",
      'resource "aws_s3_bucket" "logs" {',
      '  bucket = "acme-logs"',
      "}",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "cloudformation", "stack.yaml"),
    [
      'AWSTemplateFormatVersion: "2010-09-09"',
      "Resources:",
      "  Data:",
      "    Type: AWS::S3::Bucket",
      "    Properties:",
      "      BucketName: acme-cfn-data",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "k8s", "pod.yaml"),
    [
      "apiVersion: v1",
      "kind: Pod",
      "metadata:",
      "  name: web",
      "  namespace: shop",
      "spec:",
      "  containers:",
      "    - name: web",
      "      image: nginx:latest",
      "      securityContext:",
      "        privileged: true",
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, "Dockerfile"), "FROM ubuntu:latest\nRUN apt-get update\nADD . /app\n");
  writeFileSync(join(dir, "broken.tf"), 'resource "aws_s3_bucket" "x" {\n  bucket = \n');
  return dir;
}

describe("mamori iac", () => {
  const repo = repository();
  const scan = mamori(repo, ["iac", ".", "--format", "json", "--include-passed"]);
  const report = JSON.parse(scan.stdout || "{}") as {
    findings: JsonFinding[];
    errors: { source: string; message: string; line?: number }[];
  };
  const failing = (checkId: string) =>
    report.findings.filter((f) => f.checkId === checkId && f.status === "fail");

  it("scans every format in one run and reports a syntax error without stopping", () => {
    assert.equal(scan.code, 0, scan.stderr);
    const types = new Set(report.findings.map((f) => f.resource.type));
    for (const type of ["aws.s3.bucket", "k8s.workload", "docker.image-config"])
      assert.ok(types.has(type), `no finding on ${type}: ${[...types].join(", ")}`);
    const syntax = report.errors.find((e) => e.source.endsWith("broken.tf"));
    assert.ok(syntax, JSON.stringify(report.errors));
    assert.ok(syntax.line !== undefined && syntax.line >= 2, JSON.stringify(syntax));
  });

  it("fails the same S3 check on Terraform and CloudFormation with file:line", () => {
    const files = failing("aws.s3.block-public-access").map(
      (f) => `${f.location?.file}:${f.location?.startLine}`,
    );
    assert.ok(files.includes("terraform/main.tf:5"), files.join(" "));
    assert.ok(files.includes("cloudformation/stack.yaml:3"), files.join(" "));
  });

  it("reports inline suppressions as muted, with their reason", () => {
    const logs = report.findings.find(
      (f) =>
        f.checkId === "aws.s3.access-logging" &&
        f.location?.file === "terraform/main.tf" &&
        f.location.startLine >= 10,
    );
    assert.ok(logs, "the suppressed finding is still reported");
    assert.match(logs.muted?.reason ?? "", /the log bucket itself is not logged/);
  });

  it("follows .mamori.yaml and --baseline", () => {
    const baseline = join(repo, "baseline.json");
    writeFileSync(baseline, scan.stdout);
    const again = mamori(repo, ["iac", ".", "--format", "json", "--baseline", baseline]);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout).findings, []);
    writeFileSync(join(repo, ".mamori.yaml"), "skip-checks: ['k8s.*']\nexclude: [cloudformation/**]\n");
    const configured = JSON.parse(mamori(repo, ["iac", ".", "--format", "json"]).stdout) as {
      findings: JsonFinding[];
    };
    assert.ok(!configured.findings.some((f) => f.checkId.startsWith("k8s.")));
    assert.ok(!configured.findings.some((f) => f.location?.file.startsWith("cloudformation/")));
  });

  it("writes SARIF that validates against the SARIF 2.1.0 schema", () => {
    const sarif = mamori(repo, ["iac", "terraform", "k8s", "--format", "sarif"]);
    assert.equal(sarif.code, 0, sarif.stderr);
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
    ) as object;
    const Ajv = AjvDraft04.default;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
    const validate = ajv.compile(schema);
    const doc = JSON.parse(sarif.stdout) as { runs: { results: unknown[] }[] };
    assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.ok((doc.runs[0]?.results.length ?? 0) > 0);
  });

  it("exits 1 on --fail-on and 2 when nothing can be scanned", () => {
    assert.equal(mamori(repo, ["iac", "terraform", "--fail-on", "high"]).code, 1);
    const empty = mkdtempSync(join(tmpdir(), "mamori-empty-"));
    writeFileSync(join(empty, "notes.txt"), "nothing here\n");
    const none = mamori(empty, ["iac", "."]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no IaC files found/);
    const onlyBroken = mamori(repo, ["iac", "broken.tf"]);
    assert.equal(onlyBroken.code, 2, onlyBroken.stdout);
    assert.match(onlyBroken.stderr, /broken\.tf/);
    assert.doesNotMatch(onlyBroken.stderr, /\n\s+at /);
  });
});

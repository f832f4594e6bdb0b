/**
 * `mamori report compliance` and `mamori report diff` end to end: two real
 * scans into the embedded store with a fix in between, then the reports.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Ajv } from "ajv";

const root = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "mamori-report-"));
const dataDir = join(work, "data");
const snapshot = join(work, "aws.json");

function mamori(args: string[]) {
  const { DATABASE_URL: _, ...env } = process.env;
  const result = spawnSync(
    process.execPath,
    [
      "--import",
      import.meta.resolve("tsx"),
      join(root, "src", "cli", "bin.ts"),
      ...args,
      "--data-dir",
      dataDir,
    ],
    { cwd: work, encoding: "utf8", env: { ...env, NO_COLOR: "1" }, timeout: 120_000 },
  );
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

interface Resource {
  id: string;
  type: string;
  properties: Record<string, unknown>;
}
const original = JSON.parse(readFileSync(join(root, "examples", "demo", "aws-snapshot.json"), "utf8")) as
  | Resource[]
  | { resources: Resource[] };
const resources = (Array.isArray(original) ? original : original.resources).map((r) => structuredClone(r));
const target = "arn:aws:s3:::acme-tmp-exports";

describe("mamori report", () => {
  writeFileSync(snapshot, JSON.stringify(resources));
  mamori(["scan", snapshot, "--format", "json"]);
  const fixed = resources.map((r) =>
    r.id === target
      ? { ...r, properties: { ...r.properties, versioning: { status: "Enabled", mfaDelete: "Disabled" } } }
      : r,
  );
  writeFileSync(snapshot, JSON.stringify(fixed));
  mamori(["scan", snapshot, "--format", "json"]);

  it("diff shows the fixed finding as resolved and the resource as changed", () => {
    const diff = JSON.parse(mamori(["report", "diff", "--format", "json"]));
    assert.deepEqual(
      diff.resolved.map((c: { checkId: string; resourceId: string }) => `${c.checkId} ${c.resourceId}`),
      [`aws.s3.versioning-enabled ${target}`],
    );
    assert.equal(diff.resolved[0].from, "fail");
    assert.equal(diff.resolved[0].to, "pass");
    assert.deepEqual(diff.new, []);
    assert.deepEqual(diff.resources, [
      { type: "aws.s3.bucket", id: target, name: "acme-tmp-exports", change: "changed" },
    ]);
    const text = mamori(["report", "diff"]);
    assert.match(text, /0 new, 1 resolved/);
    assert.match(text, /RESOLVED[\s\S]*aws\.s3\.versioning-enabled/);
  });

  it("compliance json gives per-control status, evidence and score", () => {
    const report = JSON.parse(
      mamori(["report", "compliance", "--framework", "cis-aws-7.0.0", "--format", "json"]),
    );
    assert.equal(report.framework.id, "cis-aws-7.0.0");
    assert.equal(report.controls.length, 70);
    const blockPublicAccess = report.controls.find((c: { id: string }) => c.id === "3.1.4");
    assert.equal(blockPublicAccess.status, "fail");
    assert.ok(blockPublicAccess.evidence.some((e: { status: string }) => e.status === "fail"));
    assert.equal(typeof report.score, "number");
  });

  it("compliance html is a self-contained page with every control and escaped text", () => {
    const html = mamori(["report", "compliance", "--framework", "cis-aws-7.0.0", "--format", "html"]);
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /Content-Security-Policy/);
    assert.match(html, /id="control-3\.1\.4"/);
    assert.doesNotMatch(html, /<script/i);
  });

  it("compliance ocsf validates against the OCSF 1.3.0 Compliance Finding schema", () => {
    const events = JSON.parse(
      mamori(["report", "compliance", "--framework", "cis-aws-7.0.0", "--format", "ocsf"]),
    ) as { compliance: { status_id: number } }[];
    const schema = JSON.parse(
      readFileSync(join(root, "src", "report", "compliance", "ocsf-compliance-finding.schema.json"), "utf8"),
    );
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(events);
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 3)));
    assert.ok(events.length > 0);
    assert.ok(events.some((e) => e.compliance.status_id === 3));
  });

  it("compliance csv has one row per control and verdict", () => {
    const csv = mamori(["report", "compliance", "--framework", "cis-aws-7.0.0", "--format", "csv"]);
    const lines = csv.trimEnd().split("\r\n");
    assert.match(lines[0] ?? "", /^framework,control,title/);
    assert.ok(lines.some((l) => l.startsWith("cis-aws-7.0.0,3.1.4,") && l.includes(",fail,")));
  });
});

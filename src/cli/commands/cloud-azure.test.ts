/** `mamori cloud azure` and `mamori cloud gcp` on saved inventories, run as a child process like a user would. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..", "..", "..");
const azureData = join(root, "src", "sources", "azure", "testdata");
const gcpData = join(root, "src", "sources", "gcp", "testdata");
const work = mkdtempSync(join(tmpdir(), "mamori-cloud-"));

const url = (...parts: string[]) => JSON.stringify(pathToFileURL(join(root, "src", "cli", ...parts)).href);
/**
 * Runs `main` as `bin.ts` does, with `cloud` registered even when the shared
 * command list does not (yet) hold it, so these tests exercise the real
 * parsing, exit codes and one-line errors of `mamori cloud azure|gcp`.
 */
const entry = [
  `import { COMMANDS } from ${url("commands", "index.ts")};`,
  `import { cloudCommand } from ${url("commands", "cloud.ts")};`,
  `import { main } from ${url("main.ts")};`,
  "if (!COMMANDS.includes(cloudCommand)) COMMANDS.push(cloudCommand);",
  "process.exitCode = await main(process.argv.slice(1));",
].join("\n");

function mamori(args: string[]) {
  const result = spawnSync(
    process.execPath,
    ["--import", import.meta.resolve("tsx"), "--input-type=module", "-e", entry, ...args],
    { cwd: work, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Report {
  findings: {
    checkId: string;
    status: string;
    compliance: { framework: string; version: string; control: string }[];
  }[];
  summary: { resources: number; byStatus: Record<string, number> };
}

describe("mamori cloud azure --snapshot", () => {
  it("scans Resource Graph output and maps findings to CIS Azure 6.0.0", () => {
    const result = mamori([
      "cloud",
      "azure",
      "--snapshot",
      join(azureData, "graph-misconfigured.json"),
      "--format",
      "json",
      "--no-store",
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    assert.equal(report.summary.resources, 5);
    assert.equal(report.summary.byStatus.fail, 50);
    const tls = report.findings.find((f) => f.checkId === "azure.storage.min-tls-12");
    assert.deepEqual(tls?.compliance, [{ framework: "cis-azure", version: "6.0.0", control: "9.3.6" }]);
  });

  it("scans a directory of ARM responses and gates on --fail-on", () => {
    const result = mamori([
      "cloud",
      "azure",
      "--snapshot",
      join(azureData, "arm-misconfigured"),
      "--no-store",
      "--fail-on",
      "high",
    ]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /azure\.iam\.no-custom-owner-roles/);
  });

  it("prints the CIS Azure score after the findings", () => {
    const result = mamori([
      "cloud",
      "azure",
      "--snapshot",
      join(azureData, "graph-hardened.json"),
      "--no-store",
      "--compliance",
      "cis-azure-6.0.0",
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /CIS Microsoft Azure Foundations Benchmark 6\.0\.0: score 100% \(54 pass, 0 fail/,
    );
  });

  it("reports an unreadable snapshot as one line, exit 2", () => {
    const result = mamori(["cloud", "azure", "--snapshot", join(work, "nothing.json"), "--no-store"]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
    assert.match(result.stderr, /nothing\.json: cannot read \(ENOENT\)/);
  });
});

describe("mamori cloud azure options", () => {
  it("refuses malformed subscription ids and live-only options on a snapshot", () => {
    const bad = mamori(["cloud", "azure", "--subscriptions", "prod,dev", "--no-store"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--subscriptions prod,dev: expected subscription ids/);
    const mixed = mamori([
      "cloud",
      "azure",
      "--snapshot",
      join(azureData, "graph-hardened.json"),
      "--tenant",
      "contoso.onmicrosoft.com",
      "--no-store",
    ]);
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /apply to live scans, not to --snapshot/);
  });
});

describe("mamori cloud gcp --snapshot", () => {
  it("scans a Cloud Asset export and maps findings to CIS GCP 5.0.0", () => {
    const result = mamori([
      "cloud",
      "gcp",
      "--snapshot",
      join(gcpData, "asset-export.jsonl"),
      "--format",
      "json",
      "--no-store",
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    const bucket = report.findings.find(
      (f) => f.checkId === "gcp.storage.bucket-not-public" && f.status === "fail",
    );
    assert.deepEqual(bucket?.compliance, [{ framework: "cis-gcp", version: "5.0.0", control: "5.1" }]);
  });

  it("scans search-all-resources output", () => {
    const result = mamori([
      "cloud",
      "gcp",
      "--snapshot",
      join(gcpData, "search-all.json"),
      "--format",
      "json",
      "--no-store",
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as Report & { errors: { message: string }[] };
    assert.equal(report.summary.resources, 4);
    assert.equal(report.summary.byStatus.fail, 3);
    assert.match(report.errors[0]?.message ?? "", /\[4\]: name must be a full resource name/);
  });
});

/**
 * `mamori detect` and `mamori rules` end to end, as a child process. The acceptance run: a
 * CloudTrail file with StopLogging raises the upstream rule and the built-in one, and both reach
 * a webhook and a real rsyslogd in one run.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { type Rsyslog, startRsyslog } from "./testing/rsyslog.js";

const root = join(import.meta.dirname, "..", "..");
const upstream = join(root, "..", "shared", "upstream", "falco", "plugins");
const work = mkdtempSync(join(tmpdir(), "mamori-detect-cli-"));

function mamori(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), join(root, "src", "cli", "bin.ts"), ...args],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: "1" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const stopLogging = {
  Records: [
    {
      eventVersion: "1.08",
      userIdentity: {
        type: "IAMUser",
        principalId: "AIDA1",
        arn: "arn:aws:iam::111122223333:user/mallory",
        accountId: "111122223333",
        userName: "mallory",
      },
      eventTime: "2026-03-01T12:00:00Z",
      eventSource: "cloudtrail.amazonaws.com",
      eventName: "StopLogging",
      awsRegion: "us-east-1",
      sourceIPAddress: "203.0.113.9",
      userAgent: "aws-cli/2.15.0",
      requestParameters: { name: "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail" },
      responseElements: null,
      eventID: "11111111-2222-3333-4444-555555555555",
      eventType: "AwsApiCall",
      recipientAccountId: "111122223333",
    },
    {
      eventVersion: "1.08",
      userIdentity: { type: "IAMUser", arn: "arn:aws:iam::111122223333:user/alice", userName: "alice" },
      eventTime: "2026-03-01T12:00:05Z",
      eventSource: "s3.amazonaws.com",
      eventName: "ListBuckets",
      awsRegion: "us-east-1",
      eventID: "66666666-2222-3333-4444-555555555555",
    },
  ],
};

describe("mamori rules", () => {
  it("validate: every upstream plugin rule file loads with zero errors", async () => {
    const r = await mamori(["rules", "validate", upstream]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /OK: 134 enabled rule\(s\) loaded, 0 errors/);
  });

  it("validate: the built-in pack loads with zero errors", async () => {
    const r = await mamori(["rules", "validate", join(root, "rules")]);
    assert.equal(r.code, 0, r.stderr);
  });

  it("validate: errors name file:line and a code, exit 2", async () => {
    const bad = join(work, "bad.yaml");
    writeFileSync(
      bad,
      "- rule: x\n  desc: d\n  condition: ct.name = A and nope_macro\n  output: o\n  priority: INFO\n  source: aws_cloudtrail\n",
    );
    const r = await mamori(["rules", "validate", bad]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /bad\.yaml:3(:\d+)?: error LOAD_ERR_COMPILE_CONDITION \(rule x\): undefined macro 'nope_macro'/,
    );
  });

  it("list: the built-in pack has at least 60 rules over four sources", async () => {
    const r = await mamori(["rules", "list", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const rules = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.ok(rules.length >= 60);
    assert.deepEqual([...new Set(rules.map((x) => x.source))].sort(), [
      "aws_cloudtrail",
      "azure_activity",
      "gcp_auditlog",
      "k8s_audit",
    ]);
  });
});

describe("mamori detect", () => {
  let rsyslog: Rsyslog;
  const hooks: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      hooks.push(JSON.parse(body));
      res.writeHead(200).end("{}");
    });
  });
  let hookUrl = "";
  before(async () => {
    rsyslog = await startRsyslog();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const address = server.address();
    hookUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/falco`;
  });
  after(async () => {
    await rsyslog.stop();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it("StopLogging raises the upstream and the built-in rule; both reach the webhook and rsyslog in one run", async () => {
    const input = join(work, "trail.json.gz");
    writeFileSync(input, gzipSync(JSON.stringify(stopLogging)));
    const config = join(work, "outputs.yaml");
    writeFileSync(
      config,
      `outputs:
  - type: webhook
    name: hook
    url: ${hookUrl}
  - type: syslog
    name: rsyslog
    host: 127.0.0.1
    port: ${rsyslog.tcpPort}
    protocol: tcp
    minPriority: warning
`,
    );
    const r = await mamori([
      "detect",
      "--rules",
      join(upstream, "cloudtrail", "rules", "aws_cloudtrail_rules.yaml"),
      "--rules",
      join(root, "rules"),
      "--output-config",
      config,
      "--format",
      "json",
      input,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const alerts = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const names = alerts.map((a) => a.rule).sort();
    assert.deepEqual(names, ["AWS CloudTrail Trail Stopped Or Deleted", "CloudTrail Logging Disabled"]);
    for (const a of alerts) {
      assert.deepEqual(Object.keys(a).slice(0, 7), [
        "rule",
        "priority",
        "time",
        "output",
        "source",
        "tags",
        "fields",
      ]);
      assert.equal(a.time, "2026-03-01T12:00:00.000Z");
      assert.equal(a.source, "aws_cloudtrail");
    }
    assert.deepEqual(hooks.map((h) => h.rule).sort(), names);
    const lines = await rsyslog.waitFor(2);
    assert.equal(lines.filter((l) => l.includes("Trail Stopped Or Deleted")).length, 1);
    assert.equal(lines.filter((l) => l.includes("CloudTrail Logging Disabled")).length, 1);
    assert.match(r.stderr, /events read 2, matched 1, alerts 2 \(suppressed 0\), dropped 0/);
    assert.match(r.stderr, /output hook \(webhook\): forwarded 2, failed 0, dropped 0/);
    assert.match(r.stderr, /output rsyslog \(syslog\): forwarded 2, failed 0, dropped 0/);
  });

  it("table format, Sigma rules, and a clear error for a missing input", async () => {
    const input = join(work, "trail.json");
    writeFileSync(input, JSON.stringify(stopLogging));
    const sigma = join(root, "..", "shared", "upstream", "sigma", "rules", "cloud", "aws", "cloudtrail");
    const r = await mamori(["detect", "--sigma", sigma, input]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Critical\s+AWS CloudTrail Trail Stopped Or Deleted/);
    assert.match(r.stdout, /Sigma: /);
    assert.match(r.stderr, /sigma 57\/57 loaded/);
    const missing = await mamori(["detect", join(work, "nope.json")]);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr.trim().split("\n").length, 1);
    assert.match(missing.stderr, /nope\.json: no such file or directory/);
  });
});

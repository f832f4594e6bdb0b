/**
 * `mamori cloud aws` end to end: the real CLI in a child process against
 * moto_server, the embedded store in a temp folder.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { EC2Client, EnableEbsEncryptionByDefaultCommand } from "@aws-sdk/client-ec2";
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import type { Finding } from "../src/model/index.js";
import { buildMisconfigured, MOTO_ACCOUNT } from "./moto/accounts.js";
import { type MotoServer, setMotoCredentials, startMoto } from "./moto/server.js";

const root = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "mamori-aws-cli-"));
const dataDir = join(work, "store");

/** Runs the CLI asynchronously (moto answers from another process; the test must not block it). */
function mamori(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { DATABASE_URL: _, ...env } = process.env;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), join(root, "src", "cli", "bin.ts"), ...args],
      {
        cwd: work,
        env: { ...env, NO_COLOR: "1" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("mamori cloud aws", () => {
  let moto: MotoServer;
  before(async () => {
    setMotoCredentials();
    moto = await startMoto();
    await buildMisconfigured(moto.endpoint);
  });
  after(async () => {
    await moto?.stop();
  });

  it("scans, reports CIS controls with ARNs and errors, and resolves a fixed finding on the next scan", async () => {
    const args = ["cloud", "aws", "--endpoint-url", moto.endpoint, "--regions", "us-east-1,eu-west-1"];
    const first = await mamori([
      ...args,
      "--format",
      "json",
      "--include-passed",
      "--data-dir",
      dataDir,
      "--fail-on",
      "critical",
    ]);
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stderr, /scanning aws account 123456789012 \(us-east-1, eu-west-1\)/);
    const report = JSON.parse(first.stdout) as { findings: Finding[]; summary: { resources: number } };
    assert.ok(report.summary.resources > 20);
    for (const f of report.findings) assert.match(f.resource.id, /^arn:aws:/);
    const controls = new Set(
      report.findings.flatMap((f) => f.compliance.map((c) => `${c.framework}-${c.version}:${c.control}`)),
    );
    for (const c of ["2.5", "2.10", "3.1.4", "4.1", "5.3", "6.3"])
      assert.ok(controls.has(`cis-aws-7.0.0:${c}`), c);
    const analyzer = report.findings.filter((f) => f.checkId === "aws.accessanalyzer.enabled");
    assert.deepEqual(
      analyzer.map((f) => f.status),
      ["error", "error"],
    );
    assert.ok(report.findings.some((f) => f.status === "pass"));

    // Fix one region's EBS default encryption, scan again: that finding is resolved, the other stays open.
    await new EC2Client({ region: "eu-west-1", endpoint: moto.endpoint }).send(
      new EnableEbsEncryptionByDefaultCommand({}),
    );
    const second = await mamori([...args, "--format", "json", "--data-dir", dataDir]);
    assert.equal(second.code, 0, second.stderr);
    const query = await mamori([
      "query",
      "select region, state from findings where check_id = 'aws.ec2.ebs-default-encryption' order by region",
      "-f",
      "json",
      "--data-dir",
      dataDir,
    ]);
    assert.equal(query.code, 0, query.stderr);
    assert.deepEqual(JSON.parse(query.stdout), [
      { region: "eu-west-1", state: "resolved" },
      { region: "us-east-1", state: "open" },
    ]);
  });

  it("scans every account of an organisation by assuming a role in each", async () => {
    const org = new OrganizationsClient({ region: "us-east-1", endpoint: moto.endpoint });
    await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
    const created = await org.send(
      new CreateAccountCommand({ AccountName: "workload", Email: "workload@example.com" }),
    );
    const member = created.CreateAccountStatus?.AccountId;
    assert.ok(member);
    const result = await mamori([
      "cloud",
      "aws",
      "--endpoint-url",
      moto.endpoint,
      "--regions",
      "us-east-1",
      "--org-role",
      "OrganizationAccountAccessRole",
      "--format",
      "json",
      "--no-store",
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { findings: Finding[] };
    const accounts = new Set(report.findings.map((f) => f.resource.account));
    assert.deepEqual([...accounts].sort(), [MOTO_ACCOUNT, member].sort());
  });

  it("collects only the service modules named in --services", async () => {
    const result = await mamori([
      ...["cloud", "aws", "--endpoint-url", moto.endpoint, "--regions", "us-east-1"],
      ...["--services", "s3", "--format", "json", "--include-passed", "--no-store"],
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { findings: Finding[] };
    const types = new Set(report.findings.map((f) => f.resource.type));
    assert.ok(types.has("aws.s3.bucket"), [...types].join(", "));
    for (const type of types) assert.match(type, /^aws\.s3\./);
  });

  it("refuses bad options and unreachable endpoints with one line and exit 2", async () => {
    for (const [args, pattern] of [
      [["--regions", "nowhere"], /^mamori: --regions nowhere: expected region names/],
      [
        ["--services", "s3,nosuch", "--endpoint-url", "http://127.0.0.1:9", "--regions", "us-east-1"],
        /^mamori: --services s3,nosuch: unknown service nosuch; known: account, .*\bs3\b/,
      ],
      [
        ["--endpoint-url", "http://127.0.0.1:9", "--regions", "us-east-1"],
        /^mamori: cannot identify the AWS account/,
      ],
    ] as const) {
      const result = await mamori(["cloud", "aws", ...args, "--no-store"]);
      assert.equal(result.code, 2, result.stderr);
      const lines = result.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0] ?? "", pattern);
    }
  });
});

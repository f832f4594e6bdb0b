/**
 * `mamori cloud all` end to end: the real CLI in a child process, AWS on
 * moto_server, Azure and GCP on loopback servers that answer like their REST
 * references. Which clouds have credentials is decided by the child's
 * environment only: a HOME with nothing in it, and exactly the variables each
 * test gives.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildMisconfigured } from "../../../test/moto/accounts.js";
import { type MotoServer, setMotoCredentials, startMoto } from "../../../test/moto/server.js";
import { armTenantHandler, azureChildEnv } from "../../sources/azure/arm-tenant.test-helpers.js";
import { type LocalHttps, startHttps } from "../../sources/azure/https-server.test-helpers.js";
import { type GcpTestServer, startGcpServer } from "../../sources/gcp/asset-server.test-helpers.js";

const root = join(import.meta.dirname, "..", "..", "..");
const work = mkdtempSync(join(tmpdir(), "mamori-cloud-all-"));
const home = join(work, "home");
mkdirSync(home);

/** The parent's environment less anything that could hand the child cloud credentials. */
const CLOUD_VARIABLE = /^(AWS_|AZURE_|GOOGLE_|GCLOUD|CLOUDSDK_|IDENTITY_|MSI_|IMDS_|DATABASE_URL$)/;
const baseEnv: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !CLOUD_VARIABLE.test(entry[0]),
    ),
  ),
  HOME: home,
  NO_COLOR: "1",
  // The lookups that would otherwise reach for an instance metadata address.
  AWS_EC2_METADATA_DISABLED: "true",
  METADATA_SERVER_DETECTION: "none",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};
const AWS_KEYS = {
  AWS_ACCESS_KEY_ID: "testing",
  AWS_SECRET_ACCESS_KEY: "testing",
  AWS_SESSION_TOKEN: "testing",
  AWS_REGION: "us-east-1",
};

/** Runs the CLI asynchronously: this process serves the Azure and GCP calls. */
function mamori(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), join(root, "src", "cli", "bin.ts"), ...args],
      { cwd: work, env: { ...baseEnv, ...env } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

interface Report {
  target: string;
  findings: {
    checkId: string;
    status: string;
    resource: { provider: string };
    compliance: { framework: string; version: string; control: string }[];
  }[];
  errors: { source: string; message: string }[];
  summary: { resources: number; byStatus: Record<string, number> };
}

describe("mamori cloud all", () => {
  let moto: MotoServer;
  let azure: LocalHttps;
  let gcp: GcpTestServer;
  let awsArgs: string[];
  let azureArgs: string[];
  let gcpArgs: string[];
  let allEnv: Record<string, string>;

  before(async () => {
    setMotoCredentials();
    moto = await startMoto();
    await buildMisconfigured(moto.endpoint);
    azure = await startHttps(
      armTenantHandler(join(root, "src", "sources", "azure", "testdata", "live-misconfigured")),
    );
    const certificate = join(work, "azure-local.pem");
    writeFileSync(certificate, azure.certificate);
    gcp = await startGcpServer({
      "acme-prod": join(root, "src", "sources", "gcp", "testdata", "asset-export.jsonl"),
    });
    awsArgs = ["--aws-endpoint-url", moto.endpoint, "--aws-regions", "us-east-1"];
    azureArgs = ["--azure-endpoint", azure.endpoint];
    gcpArgs = ["--gcp-projects", "acme-prod", "--gcp-endpoint", gcp.endpoint];
    allEnv = {
      ...AWS_KEYS,
      ...azureChildEnv(azure.endpoint, certificate),
      GOOGLE_APPLICATION_CREDENTIALS: gcp.credentialsFile,
    };
  });
  after(async () => {
    azure?.close();
    gcp?.close();
    await moto?.stop();
  });

  it("reports AWS, Azure and GCP findings side by side and records one scan per cloud", async () => {
    const dataDir = join(work, "store");
    const result = await mamori(
      ["cloud", "all", ...awsArgs, ...azureArgs, ...gcpArgs, "--format", "json", "--data-dir", dataDir],
      allEnv,
    );
    assert.equal(result.code, 0, result.stderr);
    for (const provider of ["aws", "azure", "gcp"])
      assert.match(result.stderr, new RegExp(`^mamori: ${provider}: \\d+ resources, \\d+ failing`, "m"));
    const report = JSON.parse(result.stdout) as Report;
    assert.deepEqual([...new Set(report.findings.map((f) => f.resource.provider))].sort(), [
      "aws",
      "azure",
      "gcp",
    ]);
    const frameworks = new Set(report.findings.flatMap((f) => f.compliance.map((c) => c.framework)));
    for (const framework of ["cis-aws", "cis-azure", "cis-gcp"])
      assert.ok(frameworks.has(framework), framework);
    const tls = report.findings.find((f) => f.checkId === "azure.storage.min-tls-12");
    assert.deepEqual(tls?.compliance, [{ framework: "cis-azure", version: "6.0.0", control: "9.3.6" }]);
    const bucket = report.findings.find((f) => f.checkId === "gcp.storage.bucket-not-public");
    assert.deepEqual(bucket?.compliance, [{ framework: "cis-gcp", version: "5.0.0", control: "5.1" }]);
    // The summary is the sum over the clouds: every reported failure is counted in it.
    assert.equal(report.summary.byStatus.fail, report.findings.filter((f) => f.status === "fail").length);
    assert.match(report.target, /^aws account 123456789012 \(us-east-1\); azure .*; gcp acme-prod$/);

    const query = await mamori(
      [
        "query",
        "select provider, count(*) as n from resources group by provider order by provider",
        "-f",
        "json",
        "--data-dir",
        dataDir,
      ],
      {},
    );
    assert.equal(query.code, 0, query.stderr);
    const rows = JSON.parse(query.stdout) as { provider: string; n: number }[];
    assert.deepEqual(
      rows.map((r) => r.provider),
      ["aws", "azure", "gcp"],
    );
    for (const row of rows) assert.ok(Number(row.n) > 0, JSON.stringify(row));
    const scans = await mamori(
      [
        "query",
        "select kind, count(*) as n from scans group by kind order by kind",
        "-f",
        "json",
        "--data-dir",
        dataDir,
      ],
      {},
    );
    assert.equal(scans.code, 0, scans.stderr);
    assert.deepEqual(
      (JSON.parse(scans.stdout) as { kind: string }[]).map((r) => r.kind),
      ["aws", "azure", "gcp"],
    );
  });

  it("scores several frameworks in a table and gates on --fail-on", async () => {
    const result = await mamori(
      [
        "cloud",
        "all",
        ...awsArgs,
        ...azureArgs,
        ...gcpArgs,
        "--no-store",
        "--fail-on",
        "high",
        "--compliance",
        "cis-aws-7.0.0,cis-azure-6.0.0",
        "--compliance",
        "cis-gcp-5.0.0",
      ],
      allEnv,
    );
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /CIS Amazon Web Services Foundations Benchmark 7\.0\.0: score/);
    assert.match(result.stdout, /CIS Microsoft Azure Foundations Benchmark 6\.0\.0: score/);
    assert.match(result.stdout, /CIS Google Cloud Platform Foundation Benchmark 5\.0\.0: score/);
  });

  it("skips a cloud without credentials, with the reason, and scans the others", async () => {
    const result = await mamori(["cloud", "all", ...awsArgs, ...gcpArgs, "--format", "json", "--no-store"], {
      ...AWS_KEYS,
      GOOGLE_APPLICATION_CREDENTIALS: gcp.credentialsFile,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /^mamori: azure: skipped: no credentials \(no AZURE_\* credential variables/m,
    );
    const report = JSON.parse(result.stdout) as Report;
    assert.deepEqual([...new Set(report.findings.map((f) => f.resource.provider))].sort(), ["aws", "gcp"]);

    const awsOnly = await mamori(["cloud", "all", "--aws-regions", "us-east-1", "--no-store"], {});
    // Neither AWS (no endpoint, no keys, empty HOME) nor the others: one line, exit 2.
    assert.equal(awsOnly.code, 2, awsOnly.stderr);
    assert.match(awsOnly.stderr, /^mamori: aws: skipped: no credentials \(.+\)$/m);
    assert.match(awsOnly.stderr, /^mamori: gcp: skipped: no credentials \(.+\)$/m);
    assert.match(
      awsOnly.stderr.trimEnd().split("\n").at(-1) ?? "",
      /^mamori: no cloud credentials configured/,
    );
    assert.doesNotMatch(awsOnly.stderr, /\n\s+at /, "no stack trace");
  });

  it("reports a cloud that fails and goes on with the others; exit 2 only when all fail", async () => {
    const denied = ["--gcp-projects", "denied-project", "--gcp-endpoint", gcp.endpoint];
    const env = { ...AWS_KEYS, GOOGLE_APPLICATION_CREDENTIALS: gcp.credentialsFile };
    const partial = await mamori(
      ["cloud", "all", ...awsArgs, ...denied, "--format", "json", "--no-store"],
      env,
    );
    assert.equal(partial.code, 0, partial.stderr);
    assert.match(partial.stderr, /^mamori: gcp: failed: .*denied-project.*403/m);
    const report = JSON.parse(partial.stdout) as Report;
    assert.ok(report.errors.some((e) => e.source === "gcp" && /403/.test(e.message)));
    assert.ok(report.findings.every((f) => f.resource.provider === "aws"));

    const all = await mamori(["cloud", "all", "--providers", "gcp", ...denied, "--no-store"], env);
    assert.equal(all.code, 2, all.stderr);
    assert.match(
      all.stderr.trimEnd().split("\n").at(-1) ?? "",
      /^mamori: every configured cloud failed \(gcp\)$/,
    );
  });

  it("names the provider's option in a usage error", async () => {
    const result = await mamori(["cloud", "all", "--aws-regions", "nowhere", "--no-store"], {});
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--aws-regions nowhere: expected region names/);
  });
});

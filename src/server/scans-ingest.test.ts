/**
 * Server jobs and ingest beyond snapshots: a configured AWS account scanned
 * against moto_server, a live Google Cloud account against a loopback Google API server, uploaded IaC archives (tar.gz, zip, and hostile ones
 * refused), CloudTrail file ingest, and alerts forwarded to a webhook output.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { zipSync } from "fflate";
import tar from "tar-stream";
import yazl from "yazl";
import { type MotoServer, setMotoCredentials, startMoto } from "../../test/moto/server.js";
import { loadOutputConfig, type OutputRouter } from "../detect/outputs/index.js";
import { type GcpTestServer, startGcpServer } from "../sources/gcp/asset-server.test-helpers.js";
import { AccountConfigError, readAccounts } from "./accounts.js";
import { loadDetection } from "./detection-engine.js";
import type { JobRecord } from "./jobs.js";
import { pgliteTarget, startTestServer, type TestServer } from "./test-helpers.js";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const SOURCES = join(import.meta.dirname, "..", "sources");

const MAIN_TF = `resource "aws_s3_bucket" "logs" {
  bucket = "acme-upload-logs"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 10
}
`;

type TarEntry = { name: string; content?: string; type?: "file" | "symlink"; linkname?: string };

async function tarball(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type === "symlink") pack.entry({ name: e.name, type: "symlink", linkname: e.linkname ?? "" });
    else pack.entry({ name: e.name }, e.content ?? "");
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

async function zipArchive(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("mamori serve: account and IaC archive scans, CloudTrail ingest, outputs", () => {
  let s: TestServer;
  let moto: MotoServer;
  let gcp: GcpTestServer;
  let receiver: Server;
  let outputs: OutputRouter;
  const received: Record<string, unknown>[] = [];
  let arrived: () => void = () => {};
  const firstAlert = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const dir = mkdtempSync(join(tmpdir(), "mamori-scans-ingest-"));

  before(async () => {
    setMotoCredentials();
    moto = await startMoto();
    const s3 = new S3Client({
      endpoint: moto.endpoint,
      region: "us-east-1",
      forcePathStyle: true,
    });
    await s3.send(new CreateBucketCommand({ Bucket: "moto-scanned-bucket" }));
    s3.destroy();
    gcp = await startGcpServer({ "acme-prod": join(SOURCES, "gcp", "testdata", "asset-export.jsonl") });
    // The server reads Application Default Credentials from its own environment, as in production.
    process.env.GOOGLE_APPLICATION_CREDENTIALS = gcp.credentialsFile;

    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        response.end("ok");
        arrived();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const port = (receiver.address() as { port: number }).port;

    const config = join(dir, "server.yaml");
    writeFileSync(
      config,
      [
        "accounts:",
        "  - name: moto",
        "    provider: aws",
        `    options: { endpoint: "${moto.endpoint}", regions: [us-east-1] }`,
        "  - name: azure-saved",
        "    provider: azure",
        `    options: { snapshot: "${join(SOURCES, "azure", "testdata", "graph-misconfigured.json")}" }`,
        "  - name: gcp-saved",
        "    provider: gcp",
        `    options: { snapshot: "${join(SOURCES, "gcp", "testdata", "asset-export.jsonl")}" }`,
        "  - name: gcp-live",
        "    provider: gcp",
        `    options: { projects: [acme-prod], endpoint: "${gcp.endpoint}" }`,
        "outputs:",
        "  - type: webhook",
        "    name: soc-webhook",
        `    url: http://127.0.0.1:${port}/alerts`,
        "    retries: 0",
        "",
      ].join("\n"),
    );
    outputs = await loadOutputConfig(config, "test");
    s = await startTestServer(pgliteTarget(), {
      accounts: readAccounts(config),
      outputs,
      detection: loadDetection().engine,
    });
  });
  after(async () => {
    await s?.close();
    await moto?.stop();
    gcp?.close();
    await new Promise((resolve) => receiver?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const job = async (jobId: string): Promise<JobRecord> => {
    await s.app.mamori.jobs.idle();
    const response = await s.app.inject({
      method: "GET",
      url: `/api/v1/jobs/${jobId}`,
      headers: bearer(s.tokens.viewer),
    });
    return response.json() as JobRecord;
  };

  const uploadIac = async (body: Buffer, name: string, type = "application/gzip") => {
    const response = await s.app.inject({
      method: "POST",
      url: `/api/v1/scans/iac?name=${name}`,
      headers: { ...bearer(s.tokens.analyst), "content-type": type },
      payload: body,
    });
    assert.equal(response.statusCode, 202, response.body);
    return job(response.json().jobId);
  };

  it("scans a configured AWS account (moto) as a job; its findings are in the findings API", async () => {
    const accounts = await s.app.inject({
      method: "GET",
      url: "/api/v1/accounts",
      headers: bearer(s.tokens.viewer),
    });
    assert.deepEqual(
      accounts.json().items.map((a: { name: string; provider: string }) => `${a.name} ${a.provider}`),
      ["moto aws", "azure-saved azure", "gcp-saved gcp", "gcp-live gcp"],
    );
    const response = await s.app.inject({
      method: "POST",
      url: "/api/v1/scans",
      headers: bearer(s.tokens.analyst),
      payload: { account: "moto" },
    });
    assert.equal(response.statusCode, 202, response.body);
    const done = await job(response.json().jobId);
    assert.equal(done.status, "completed", JSON.stringify(done));
    assert.equal(done.kind, "aws-scan");
    assert.ok(done.log.some((l) => l.message.includes("scanning moto: aws account 123456789012")));
    const findings = await s.app.inject({
      method: "GET",
      url: "/api/v1/findings?q=moto-scanned-bucket&limit=500",
      headers: bearer(s.tokens.viewer),
    });
    const body = findings.json();
    assert.ok(body.total > 0, findings.body);
    assert.ok(
      body.items.every((f: { resource: { id: string; provider: string } }) =>
        f.resource.id.includes("moto-scanned-bucket"),
      ),
    );
    const scans = await s.app.inject({
      method: "GET",
      url: "/api/v1/scans",
      headers: bearer(s.tokens.viewer),
    });
    assert.ok(
      scans
        .json()
        .items.some(
          (scan: { kind: string; scope: string }) =>
            scan.kind === "aws" && scan.scope === "aws:123456789012:us-east-1",
        ),
    );
  });

  it("scans Azure and Google Cloud accounts configured with saved inventories", async () => {
    for (const [account, kind] of [
      ["azure-saved", "azure"],
      ["gcp-saved", "gcp"],
    ]) {
      const response = await s.app.inject({
        method: "POST",
        url: "/api/v1/scans",
        headers: bearer(s.tokens.admin),
        payload: { account },
      });
      assert.equal(response.statusCode, 202, response.body);
      const done = await job(response.json().jobId);
      assert.equal(done.status, "completed", JSON.stringify(done.log));
      assert.equal(done.kind, `${kind}-scan`);
      const result = done.result as {
        scanId: string;
        summary: { resources: number; byStatus: { fail: number } };
      };
      assert.ok(result.summary.resources > 0 && result.summary.byStatus.fail > 0, JSON.stringify(result));
      const scan = await s.app.inject({
        method: "GET",
        url: `/api/v1/scans/${result.scanId}`,
        headers: bearer(s.tokens.viewer),
      });
      assert.equal(scan.json().kind, kind);
    }
  });

  it("scans a live Google Cloud account (loopback Google APIs) as a job; its findings are in the findings API", async () => {
    const response = await s.app.inject({
      method: "POST",
      url: "/api/v1/scans",
      headers: bearer(s.tokens.analyst),
      payload: { account: "gcp-live" },
    });
    assert.equal(response.statusCode, 202, response.body);
    const done = await job(response.json().jobId);
    assert.equal(done.status, "completed", JSON.stringify(done.log));
    assert.equal(done.kind, "gcp-scan");
    const messages = done.log.map((l) => l.message);
    assert.ok(messages.includes("scanning gcp-live: gcp acme-prod"), JSON.stringify(messages));
    assert.ok(
      messages.some((m) => /^\d+ resources from 1 project\(s\), \d+ API call\(s\)$/.test(m)),
      JSON.stringify(messages),
    );
    const result = done.result as { scanId: string; summary: { byStatus: { fail: number } } };
    assert.ok(result.summary.byStatus.fail > 0, JSON.stringify(result));
    const scan = await s.app.inject({
      method: "GET",
      url: `/api/v1/scans/${result.scanId}`,
      headers: bearer(s.tokens.viewer),
    });
    assert.deepEqual([scan.json().kind, scan.json().scope], ["gcp", "gcp:live:acme-prod"]);
    const findings = await s.app.inject({
      method: "GET",
      url: "/api/v1/findings?provider=gcp&q=bucket-not-public&state=open",
      headers: bearer(s.tokens.viewer),
    });
    const body = findings.json();
    assert.ok(body.total > 0, findings.body);
    assert.ok(
      body.items.every((f: { checkId: string }) => f.checkId === "gcp.storage.bucket-not-public"),
      findings.body,
    );
  });

  it("refuses an unknown account with the names it knows", async () => {
    const response = await s.app.inject({
      method: "POST",
      url: "/api/v1/scans",
      headers: bearer(s.tokens.analyst),
      payload: { account: "prod" },
    });
    assert.equal(response.statusCode, 400);
    assert.equal(
      response.json().error,
      "body.account: no account prod (configured: moto, azure-saved, gcp-saved, gcp-live)",
    );
  });

  it("scans an uploaded .tar.gz of Terraform like `mamori iac`, paths relative to the archive", async () => {
    const done = await uploadIac(
      await tarball([
        { name: "infra/main.tf", content: MAIN_TF },
        { name: "README.md", content: "hi" },
      ]),
      "acme-infra",
    );
    assert.equal(done.status, "completed", JSON.stringify(done.log));
    assert.ok(
      done.log.some((l) => l.message === `unpacked tar: 2 files, ${Buffer.byteLength(MAIN_TF) + 2} bytes`),
      JSON.stringify(done.log),
    );
    const result = done.result as { files: number; summary: { byStatus: { fail: number } } };
    assert.equal(result.files, 1);
    assert.ok(result.summary.byStatus.fail > 0);
    const findings = await s.app.inject({
      method: "GET",
      url: "/api/v1/findings?q=infra/main.tf&state=open&limit=500",
      headers: bearer(s.tokens.viewer),
    });
    const body = findings.json();
    assert.ok(body.total > 0, findings.body);
    assert.ok(
      body.items.every((f: { resource: { id: string } }) => f.resource.id.startsWith("infra/main.tf#")),
    );
  });

  it("leaves a local module outside the archive unresolved: an upload cannot read the server's files", async () => {
    const outside = join(dir, "server-modules");
    mkdirSync(outside);
    writeFileSync(
      join(outside, "main.tf"),
      'resource "aws_s3_bucket" "secret" {\n  bucket = "server-secret-bucket"\n}\n',
    );
    const climb = `${"../".repeat(30)}${outside.slice(1)}`;
    const done = await uploadIac(
      await tarball([
        { name: "main.tf", content: `${MAIN_TF}\nmodule "server" {\n  source = "${climb}"\n}\n` },
      ]),
      "acme-climb",
    );
    assert.equal(done.status, "completed", JSON.stringify(done.log));
    assert.ok(
      done.log.some((l) => /^note: main\.tf:\d+: module module\.server not resolved/.test(l.message)),
      JSON.stringify(done.log),
    );
    const findings = await s.app.inject({
      method: "GET",
      url: "/api/v1/findings?q=server-secret-bucket",
      headers: bearer(s.tokens.viewer),
    });
    assert.equal(findings.json().total, 0);
    const resources = await s.app.inject({
      method: "GET",
      url: "/api/v1/resources?q=secret",
      headers: bearer(s.tokens.viewer),
    });
    assert.equal(resources.json().total, 0);
  });

  it("scans an uploaded .zip the same way", async () => {
    const done = await uploadIac(await zipArchive({ "main.tf": MAIN_TF }), "acme-zip", "application/zip");
    assert.equal(done.status, "completed", JSON.stringify(done.log));
    assert.ok((done.result as { summary: { resources: number } }).summary.resources >= 2);
  });

  it("refuses hostile archives with one line in the job log, writing nothing outside", async () => {
    const outside = join(tmpdir(), "evil.tf");
    const cases: [string, Buffer, string, RegExp][] = [
      [
        "tar-traversal",
        await tarball([
          { name: "main.tf", content: MAIN_TF },
          { name: "../evil.tf", content: MAIN_TF },
        ]),
        "application/gzip",
        /^refused: tar-traversal: entry "\.\.\/evil\.tf": path traversal in "\.\.\/evil\.tf" refused$/,
      ],
      [
        "tar-absolute",
        await tarball([{ name: "/tmp/evil.tf", content: MAIN_TF }]),
        "application/gzip",
        /^refused: tar-absolute: entry "\/tmp\/evil\.tf": absolute path "\/tmp\/evil\.tf" refused$/,
      ],
      [
        "tar-symlink",
        await tarball([{ name: "creds", type: "symlink", linkname: "/root/.aws/credentials" }]),
        "application/gzip",
        /^refused: tar-symlink: link "creds" -> "\/root\/.aws\/credentials" points outside the archive, refused$/,
      ],
      [
        "zip-traversal",
        Buffer.from(zipSync({ "../evil.tf": Buffer.from(MAIN_TF) })),
        "application/zip",
        /^refused: zip-traversal: not a readable zip archive \(invalid relative path: \.\.\/evil\.tf\)$/,
      ],
      [
        "not-an-archive",
        Buffer.from("just some text, not an archive"),
        "application/octet-stream",
        /^refused: not-an-archive: not a readable archive/,
      ],
    ];
    for (const [name, body, type, expected] of cases) {
      const done = await uploadIac(body, name, type);
      assert.equal(done.status, "failed", name);
      assert.ok(
        done.log.some((l) => expected.test(l.message)),
        `${name}: ${JSON.stringify(done.log)}`,
      );
      assert.equal(existsSync(outside), false, name);
    }
  });

  it("ingests a gzipped CloudTrail file: StopLogging raises an alert that is forwarded and counted", async () => {
    const file = {
      Records: [
        {
          eventVersion: "1.09",
          eventTime: "2026-11-23T10:00:00Z",
          eventSource: "cloudtrail.amazonaws.com",
          eventName: "StopLogging",
          awsRegion: "us-east-1",
          sourceIPAddress: "203.0.113.9",
          eventID: "3c5e0a2b-1111-4c1e-9d51-5d2f0c0e7a01",
          userIdentity: { type: "IAMUser", accountId: "111122223333", userName: "mallory" },
          requestParameters: { name: "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail" },
          recipientAccountId: "111122223333",
        },
        {
          eventVersion: "1.09",
          eventTime: "2026-11-23T10:00:01Z",
          eventSource: "s3.amazonaws.com",
          eventName: "ListBuckets",
          awsRegion: "us-east-1",
          eventID: "3c5e0a2b-2222-4c1e-9d51-5d2f0c0e7a02",
          userIdentity: { type: "IAMUser", accountId: "111122223333", userName: "alice" },
        },
      ],
    };
    const response = await s.app.inject({
      method: "POST",
      url: "/api/v1/ingest/cloudtrail",
      headers: { ...bearer(s.tokens.ingest), "content-type": "application/octet-stream" },
      payload: gzipSync(JSON.stringify(file)),
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { received: 2, evaluated: true, alerts: 1 });
    const alerts = await s.app.inject({
      method: "GET",
      url: "/api/v1/alerts?source=aws_cloudtrail",
      headers: bearer(s.tokens.viewer),
    });
    assert.equal(alerts.json().items[0].rule, "AWS CloudTrail Trail Stopped Or Deleted");

    // The same file again: the alert is stored and forwarded once.
    const again = await s.app.inject({
      method: "POST",
      url: "/api/v1/ingest/cloudtrail",
      headers: { ...bearer(s.tokens.ingest), "content-type": "application/json", "content-encoding": "gzip" },
      payload: gzipSync(JSON.stringify(file)),
    });
    assert.deepEqual(again.json(), { received: 2, evaluated: true, alerts: 0 });

    await outputs.flush();
    await firstAlert;
    assert.equal(received.length, 1);
    assert.equal(received[0]?.rule, "AWS CloudTrail Trail Stopped Or Deleted");
    assert.equal(received[0]?.source, "aws_cloudtrail");
    const metrics = await s.app.inject({ method: "GET", url: "/metrics", headers: bearer(s.tokens.viewer) });
    assert.match(metrics.body, /^mamori_events_forwarded_total\{output="soc-webhook"\} 1$/m);
    assert.match(metrics.body, /^mamori_events_ingested_total\{source="aws_cloudtrail"\} 4$/m);
  });

  it("refuses a CloudTrail upload that is not a CloudTrail file, naming the problem", async () => {
    const cases: [Buffer, Record<string, string>, string][] = [
      [Buffer.from('{"events": []}'), {}, 'Records: expected a CloudTrail log file, {"Records": [...]}'],
      [Buffer.from("{not json"), {}, "body: not JSON"],
      [Buffer.from('{"Records": [{"eventName": 3}]}'), {}, "Records[0].eventName: expected a string"],
      [Buffer.from("plain"), { "content-encoding": "gzip" }, "body: not valid gzip"],
      [
        Buffer.from("{}"),
        { "content-encoding": "br" },
        "content-encoding: br is not supported (gzip or none)",
      ],
    ];
    for (const [payload, headers, error] of cases) {
      const response = await s.app.inject({
        method: "POST",
        url: "/api/v1/ingest/cloudtrail",
        headers: { ...bearer(s.tokens.ingest), "content-type": "application/json", ...headers },
        payload,
      });
      assert.equal(response.statusCode, 400, response.body);
      assert.ok(response.json().error.startsWith(error), response.json().error);
    }
  });
});

describe("accounts file", () => {
  const dir = mkdtempSync(join(tmpdir(), "mamori-accounts-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const read = (text: string) => {
    const file = join(dir, "accounts.yaml");
    writeFileSync(file, text);
    return () => readAccounts(file);
  };

  it("reads aws, azure and gcp accounts with paths relative to the file", () => {
    const accounts = read(
      "accounts:\n  - { name: prod, provider: aws, options: { profile: prod, regions: [eu-west-1], roleArn: 'arn:aws:iam::111122223333:role/audit' } }\n  - { name: corp, provider: azure, options: { subscriptions: [00000000-0000-0000-0000-000000000001] } }\n  - { name: data, provider: gcp, options: { snapshot: assets.jsonl } }\n  - { name: org, provider: gcp, options: { organization: '123456789012' } }\n",
    )();
    assert.deepEqual(accounts, [
      {
        name: "prod",
        provider: "aws",
        options: { profile: "prod", regions: ["eu-west-1"], roleArn: "arn:aws:iam::111122223333:role/audit" },
      },
      {
        name: "corp",
        provider: "azure",
        options: { subscriptions: ["00000000-0000-0000-0000-000000000001"] },
      },
      { name: "data", provider: "gcp", options: { snapshot: join(dir, "assets.jsonl") } },
      { name: "org", provider: "gcp", options: { organization: "123456789012" } },
    ]);
  });

  it("refuses bad entries with file, line and field", () => {
    const file = join(dir, "accounts.yaml");
    const cases: [string, string][] = [
      [
        "accounts:\n  - name: a\n    provider: oracle\n",
        `${file}:3: accounts[0].provider: expected aws, azure or gcp`,
      ],
      [
        "accounts:\n  - name: a\n    provider: aws\n    options:\n      regions: [mars-1]\n",
        `${file}:5: accounts[0].options.regions: expected a non-empty list of region names such as eu-west-1`,
      ],
      [
        "accounts:\n  - name: a\n    provider: aws\n    options: { password: x }\n",
        `${file}:4: accounts[0].options.password: unknown option for aws (known: profile, regions, endpoint, roleArn, concurrency)`,
      ],
      [
        "accounts:\n  - name: a\n    provider: gcp\n",
        `${file}:2: accounts[0].options: expected projects, folder or organization (or snapshot: FILE)`,
      ],
      [
        "accounts:\n  - name: a\n    provider: gcp\n    options: { projects: [acme], folder: '12' }\n",
        `${file}:4: accounts[0].options.folder: give one of projects, folder, organization (also: projects)`,
      ],
      [
        "accounts:\n  - name: a\n    provider: gcp\n    options: { organization: acme }\n",
        `${file}:4: accounts[0].options.organization: expected a numeric organization id`,
      ],
      [
        "accounts:\n  - name: a\n    provider: gcp\n    options: { snapshot: a.jsonl, projects: [acme] }\n",
        `${file}:4: accounts[0].options.snapshot: a snapshot is read as it is: projects, folder, organization and endpoint apply to live scans`,
      ],
      ["outputs: []\n", `${file}:1: expected a top-level 'accounts:' list`],
    ];
    for (const [text, message] of cases)
      assert.throws(read(text), (e) => e instanceof AccountConfigError && e.message === message);
  });
});

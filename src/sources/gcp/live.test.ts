import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { GoogleAuth } from "google-auth-library";
import { evaluateResource } from "../../checks/evaluate.js";
import { builtinChecks } from "../../checks/index.generated.js";
import { CheckRegistry } from "../../checks/registry.js";
import type { Finding, Resource } from "../../model/index.js";
import { withLiveErrors } from "../aws/live-errors.js";
import { readAssetExport } from "./asset-export.js";
import { type GcpScope, GcpSourceError, scanGcpLive } from "./live.js";

/**
 * The real Google clients (google-auth-library ADC, googleapis-common,
 * @googleapis/sqladmin) against a loopback server that answers like the REST
 * references: Cloud Asset `assets.list`, Logging sinks/metrics, Monitoring
 * alert policies, Compute `projects.get`, Cloud SQL `instances.list`, all
 * paged with `nextPageToken`; a 429 with Retry-After, a 403 and a 404 on demand.
 * The credentials are an `external_account` ADC file whose token exchange
 * goes to the same server, so nothing leaves the machine.
 */

const testdata = join(import.meta.dirname, "testdata");
const FILES = {
  "acme-prod": join(testdata, "asset-export.jsonl"),
  "acme-hardened": join(testdata, "live-hardened.jsonl"),
};
const TOKEN = "ya29.local-test-token";

type AssetDoc = {
  name: string;
  assetType: string;
  resource?: { data?: Record<string, unknown> };
  iamPolicy?: unknown;
};
const docs: Record<string, AssetDoc[]> = Object.fromEntries(
  Object.entries(FILES).map(([project, file]) => [
    project,
    readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as AssetDoc),
  ]),
);

/** Answers to force once (429) or every time (403, 404), by path or by "path contentType". */
const faults = new Map<string, { status: number; once?: boolean; headers?: Record<string, string> }>();
const seen: string[] = [];
let tokenRequests = 0;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

const STATUS_NAMES: Record<number, string> = {
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
};

/** One page of `items` (2 per page) under `field`, with a nextPageToken while more remain. */
function page(res: ServerResponse, url: URL, field: string, items: unknown[], extra: object = {}) {
  const size = Math.min(Number(url.searchParams.get("pageSize") ?? 2) || 2, 2);
  const start = Number(url.searchParams.get("pageToken") ?? 0);
  const next = start + size < items.length ? String(start + size) : undefined;
  send(res, 200, {
    ...extra,
    [field]: items.slice(start, start + size),
    ...(next ? { nextPageToken: next } : {}),
  });
}

const dataOf = (project: string, type: string) =>
  (docs[project] ?? []).filter((d) => d.assetType === type && d.resource?.data).map((d) => d.resource?.data);

function handle(req: IncomingMessage, res: ServerResponse, body: string) {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "POST" && url.pathname === "/token") {
    tokenRequests++;
    const form = new URLSearchParams(body);
    if (form.get("subject_token") !== "local-subject-token")
      return send(res, 400, { error: "invalid_grant" });
    return send(res, 200, {
      access_token: TOKEN,
      issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
      token_type: "Bearer",
      expires_in: 3600,
    });
  }
  if (req.headers.authorization !== `Bearer ${TOKEN}`)
    return send(res, 401, { error: { code: 401, status: "UNAUTHENTICATED", message: "no bearer token" } });
  seen.push(
    `${url.pathname} ${url.searchParams.get("contentType") ?? ""} ${url.searchParams.get("pageToken") ?? ""}`.trim(),
  );
  const key = [`${url.pathname} ${url.searchParams.get("contentType")}`, url.pathname].find((k) =>
    faults.has(k),
  );
  const fault = key === undefined ? undefined : faults.get(key);
  if (key !== undefined && fault) {
    if (fault.once) faults.delete(key);
    return send(
      res,
      fault.status,
      {
        error: {
          code: fault.status,
          status: STATUS_NAMES[fault.status],
          message: `test fault ${fault.status}`,
        },
      },
      fault.headers,
    );
  }
  let match = /^\/v1\/(projects|organizations|folders)\/([^/]+)\/assets$/.exec(url.pathname);
  if (match) {
    const projects = match[1] === "projects" ? [match[2] as string] : Object.keys(docs);
    const types = new Set(url.searchParams.getAll("assetTypes"));
    const iam = url.searchParams.get("contentType") === "IAM_POLICY";
    const assets = projects
      .flatMap((p) => docs[p] ?? [])
      .filter((d) => types.has(d.assetType) && (iam ? d.iamPolicy : d.resource))
      .map((d) => {
        const { resource, iamPolicy, ...rest } = d;
        return iam ? { ...rest, iamPolicy } : { ...rest, resource };
      });
    return page(res, url, "assets", assets, { readTime: "2026-11-23T10:00:00Z" });
  }
  match = /^\/v2\/projects\/([^/]+)\/(sinks|metrics)$/.exec(url.pathname);
  if (match) {
    const type = match[2] === "sinks" ? "logging.googleapis.com/LogSink" : "logging.googleapis.com/LogMetric";
    return page(res, url, match[2] as string, dataOf(match[1] as string, type));
  }
  match = /^\/v3\/projects\/([^/]+)\/alertPolicies$/.exec(url.pathname);
  if (match)
    return page(
      res,
      url,
      "alertPolicies",
      dataOf(match[1] as string, "monitoring.googleapis.com/AlertPolicy"),
    );
  match = /^\/compute\/v1\/projects\/([^/]+)$/.exec(url.pathname);
  if (match) {
    const project = dataOf(match[1] as string, "compute.googleapis.com/Project")[0];
    return send(res, 200, { kind: "compute#project", name: match[1], ...project });
  }
  match = /^\/v1\/projects\/([^/]+)\/accessApprovalSettings$/.exec(url.pathname);
  if (match) {
    const settings = dataOf(match[1] as string, "accessapproval.googleapis.com/AccessApprovalSettings")[0];
    // A project that never enrolled has no settings resource.
    if (!settings) return send(res, 404, { error: { code: 404, status: "NOT_FOUND", message: "not found" } });
    return send(res, 200, settings);
  }
  match = /^\/v1\/projects\/([^/]+)\/instances$/.exec(url.pathname);
  if (match) {
    const items = dataOf(match[1] as string, "sqladmin.googleapis.com/Instance");
    const start = Number(url.searchParams.get("pageToken") ?? 0);
    const next = start + 1 < items.length ? String(start + 1) : undefined;
    return send(res, 200, {
      kind: "sql#instancesList",
      items: items.slice(start, start + 1),
      ...(next ? { nextPageToken: next } : {}),
    });
  }
  send(res, 404, { error: { code: 404, status: "NOT_FOUND", message: `no route ${url.pathname}` } });
}

let server: Server;
let endpoint = "";
let auth: GoogleAuth;
/** ADC settings this file changes; restored after. */
const ADC_ENV = [
  "GOOGLE_APPLICATION_CREDENTIALS",
  "GOOGLE_CLOUD_PROJECT",
  "METADATA_SERVER_DETECTION",
] as const;
const savedEnv = Object.fromEntries(ADC_ENV.map((name) => [name, process.env[name]]));

before(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => handle(req, res, body));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), "mamori-gcp-adc-"));
  writeFileSync(join(dir, "subject-token"), "local-subject-token");
  writeFileSync(
    join(dir, "adc.json"),
    JSON.stringify({
      type: "external_account",
      audience: "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/providers/local",
      subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
      token_url: `${endpoint}/token`,
      credential_source: { file: join(dir, "subject-token") },
    }),
  );
  // Application Default Credentials: the library finds the file through this variable.
  process.env.GOOGLE_APPLICATION_CREDENTIALS = join(dir, "adc.json");
  // Without these the library looks for a project id on the metadata server and at Resource Manager.
  process.env.GOOGLE_CLOUD_PROJECT = "acme-prod";
  process.env.METADATA_SERVER_DETECTION = "none";
  auth = new GoogleAuth({ scopes: ["https://www.googleapis.com/auth/cloud-platform"] });
});

after(() => {
  server.close();
  for (const name of ADC_ENV)
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
});

const live = (scope: GcpScope) => scanGcpLive({ auth, scope, endpoint, pageSize: 2 });
const liveRegistry = withLiveErrors(new CheckRegistry(builtinChecks));
const snapshotRegistry = new CheckRegistry(builtinChecks);

function evaluate(resources: Resource[], registry: CheckRegistry): Finding[] {
  return resources.flatMap((r) => evaluateResource(r, registry, () => []));
}
const outcome = (findings: Finding[], status: string, account?: string) =>
  findings
    .filter((f) => f.status === status && (account === undefined || f.resource.account === account))
    .map((f) => `${f.checkId} ${f.resource.name}`)
    .sort();
const signature = (findings: Finding[]) =>
  findings.map((f) => `${f.status} ${f.checkId} ${f.resource.id}`).sort();

async function snapshot(file: string): Promise<Resource[]> {
  const resources: Resource[] = [];
  for await (const item of readAssetExport(file)) if ("resource" in item) resources.push(item.resource);
  return resources;
}

const MISCONFIGURED_FAILURES = [
  "gcp.apikeys.api-restrictions maps-web",
  "gcp.apikeys.application-restrictions maps-web",
  "gcp.compute.firewall-ssh-from-internet allow-ssh",
  "gcp.compute.instance-block-project-ssh-keys bastion",
  "gcp.compute.instance-confidential-computing bastion",
  "gcp.compute.instance-default-sa-full-access bastion",
  "gcp.compute.instance-default-service-account bastion",
  "gcp.compute.instance-no-public-ip bastion",
  "gcp.compute.instance-serial-port-disabled bastion",
  "gcp.compute.instance-shielded-vm bastion",
  "gcp.compute.ssl-policy-strong-ciphers tcp-tls",
  "gcp.compute.ssl-policy-strong-ciphers web-https",
  "gcp.functions.secrets-in-env billing-hook",
  "gcp.gke.master-authorized-networks apps",
  "gcp.gke.network-policy apps",
  "gcp.gke.workload-identity apps",
  "gcp.iam.no-primitive-roles-for-users acme-prod",
  "gcp.iam.no-service-account-admin-roles acme-prod",
  "gcp.logging.audit-config-changes acme-prod",
  "gcp.logging.bucket-iam-changes acme-prod",
  "gcp.logging.custom-role-changes acme-prod",
  "gcp.logging.firewall-rule-changes acme-prod",
  "gcp.logging.network-changes acme-prod",
  "gcp.logging.project-ownership-changes acme-prod",
  "gcp.logging.route-changes acme-prod",
  "gcp.logging.sql-instance-changes acme-prod",
  "gcp.project.access-approval-enabled acme-prod",
  "gcp.project.audit-logging-all-services acme-prod",
  "gcp.project.cloud-asset-api-enabled acme-prod",
  "gcp.project.log-sink-all-entries acme-prod",
  "gcp.sql.backups-enabled orders",
  "gcp.sql.deletion-protection orders",
  "gcp.sql.iam-database-authentication orders",
  "gcp.sql.no-open-authorized-networks orders",
  "gcp.sql.no-public-ip orders",
  "gcp.sql.postgres-log-connections orders",
  "gcp.sql.postgres-log-disconnections orders",
  "gcp.sql.postgres-log-statement orders",
  "gcp.sql.postgres-pgaudit-on orders",
  "gcp.sql.require-ssl orders",
  "gcp.storage.access-logging acme-public-site",
  "gcp.storage.bucket-not-public acme-public-site",
  "gcp.storage.public-access-prevention acme-public-site",
  "gcp.storage.versioning-enabled acme-public-site",
];

describe("live Google Cloud scan (Cloud Asset Inventory + owning APIs)", () => {
  it("pages, retries a 429, authenticates with ADC and gives the exact outcomes of both projects", async () => {
    faults.set("/v1/projects/acme-prod/assets", { status: 429, once: true, headers: { "retry-after": "0" } });
    seen.length = 0;
    const result = await live({ projects: ["acme-prod", "acme-hardened"] });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.projects.sort(), ["acme-hardened", "acme-prod"]);
    assert.ok(tokenRequests >= 1, "the bearer token came from the ADC token exchange");
    // The 429 was retried: the first page was asked twice; then the pages followed nextPageToken.
    assert.equal(seen.filter((s) => s === "/v1/projects/acme-prod/assets RESOURCE").length, 2);
    assert.deepEqual(
      seen.filter((s) => s.startsWith("/v1/projects/acme-prod/assets RESOURCE")),
      [
        "/v1/projects/acme-prod/assets RESOURCE",
        "/v1/projects/acme-prod/assets RESOURCE",
        "/v1/projects/acme-prod/assets RESOURCE 2",
        "/v1/projects/acme-prod/assets RESOURCE 4",
        "/v1/projects/acme-prod/assets RESOURCE 6",
        "/v1/projects/acme-prod/assets RESOURCE 8",
        "/v1/projects/acme-prod/assets RESOURCE 10",
        "/v1/projects/acme-prod/assets RESOURCE 12",
      ],
    );
    assert.ok(
      seen.includes("/v1/projects/acme-hardened/instances"),
      "Cloud SQL flags read from the Admin API",
    );
    assert.ok(
      seen.includes("/v1/projects/acme-hardened/accessApprovalSettings"),
      "Access Approval settings read from its API",
    );
    const findings = evaluate(result.resources, liveRegistry);
    assert.deepEqual(outcome(findings, "error"), []);
    assert.deepEqual(outcome(findings, "fail", "acme-prod"), MISCONFIGURED_FAILURES);
    assert.deepEqual(outcome(findings, "fail", "acme-hardened"), []);
    assert.equal(outcome(findings, "pass", "acme-hardened").length, 41);
    for (const expected of [
      "gcp.apikeys.application-restrictions store-locator",
      "gcp.compute.ssl-policy-strong-ciphers ledger-https",
      "gcp.functions.secrets-in-env ledger-export",
      "gcp.project.access-approval-enabled acme-hardened",
      "gcp.sql.deletion-protection ledger",
      "gcp.sql.iam-database-authentication ledger",
    ])
      assert.ok(outcome(findings, "pass", "acme-hardened").includes(expected), expected);
    assert.ok(result.resources.every((r) => r.provenance.kind === "live"));
  });

  it("gives the same findings as the snapshot of the same data", async () => {
    const result = await live({ projects: ["acme-prod", "acme-hardened"] });
    const saved = [...(await snapshot(FILES["acme-prod"])), ...(await snapshot(FILES["acme-hardened"]))];
    assert.deepEqual(
      signature(evaluate(result.resources, liveRegistry)),
      signature(evaluate(saved, snapshotRegistry)),
    );
  });

  it("reads an organization in one listing", async () => {
    const result = await live({ organization: "998877" });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.projects.sort(), ["acme-hardened", "acme-prod"]);
    assert.deepEqual(
      outcome(evaluate(result.resources, liveRegistry), "fail", "acme-prod"),
      MISCONFIGURED_FAILURES,
    );
  });

  it("turns a 403 or 404 into error findings on the checks that needed the data, and goes on", async () => {
    faults.set("/v1/projects/acme-denied/assets", { status: 403 });
    faults.set("/v1/projects/acme-prod/instances", { status: 403 });
    faults.set("/v3/projects/acme-prod/alertPolicies", { status: 404 });
    faults.set("/compute/v1/projects/acme-prod", { status: 403 });
    faults.set("/v1/projects/acme-prod/accessApprovalSettings", { status: 403 });
    try {
      const result = await live({ projects: ["acme-prod", "acme-denied", "acme-hardened"] });
      assert.equal(result.errors.length, 5);
      assert.match(
        result.errors[0] ?? "",
        /Cloud Asset assets\.list projects\/acme-denied RESOURCE failed: 403 PERMISSION_DENIED/,
      );
      assert.ok(
        result.errors.some((e) =>
          /Monitoring alertPolicies\.list projects\/acme-prod failed: 404 NOT_FOUND/.test(e),
        ),
      );
      const findings = evaluate(result.resources, liveRegistry);
      const errors = outcome(findings, "error");
      // Every project check on the project that could not be listed is an error, none passes or fails.
      assert.ok(errors.includes("gcp.project.os-login-enabled acme-denied"));
      assert.deepEqual(outcome(findings, "pass", "acme-denied"), []);
      assert.deepEqual(outcome(findings, "fail", "acme-denied"), []);
      // Dependent checks on acme-prod: SQL flags, metric alerts, project metadata.
      for (const expected of [
        "gcp.sql.postgres-log-connections orders",
        "gcp.sql.postgres-pgaudit-on orders",
        "gcp.logging.route-changes acme-prod",
        "gcp.project.os-login-enabled acme-prod",
        "gcp.project.access-approval-enabled acme-prod",
      ])
        assert.ok(errors.includes(expected), `${expected} not in ${errors.join(", ")}`);
      const error = findings.find(
        (f) => f.checkId === "gcp.sql.postgres-log-connections" && f.status === "error",
      );
      assert.match(error?.message ?? "", /Cloud SQL instances\.list acme-prod failed: 403 PERMISSION_DENIED/);
      // Checks that did not need the failed calls keep their outcome; the hardened project is untouched.
      assert.ok(outcome(findings, "fail").includes("gcp.sql.require-ssl orders"));
      assert.deepEqual(outcome(findings, "fail", "acme-hardened"), []);
      assert.deepEqual(outcome(findings, "error", "acme-hardened"), []);
    } finally {
      faults.clear();
    }
  });

  it("makes IAM policies unknown, not empty, when only the IAM_POLICY listing is refused", async () => {
    faults.set("/v1/projects/acme-prod/assets IAM_POLICY", { status: 403 });
    try {
      const result = await live({ projects: ["acme-prod"] });
      assert.equal(result.errors.length, 1);
      const findings = evaluate(result.resources, liveRegistry);
      const errors = outcome(findings, "error");
      for (const expected of [
        "gcp.storage.bucket-not-public acme-public-site",
        "gcp.storage.bucket-not-public acme-audit",
        "gcp.iam.no-primitive-roles-for-users acme-prod",
        "gcp.project.audit-logging-all-services acme-prod",
      ])
        assert.ok(errors.includes(expected), `${expected} not in ${errors.join(", ")}`);
      assert.ok(!outcome(findings, "pass").includes("gcp.storage.bucket-not-public acme-audit"));
      assert.ok(outcome(findings, "fail").includes("gcp.compute.firewall-ssh-from-internet allow-ssh"));
    } finally {
      faults.clear();
    }
  });

  it("stops with one line when no scope could be listed", async () => {
    faults.set("/v1/folders/42/assets", { status: 403 });
    try {
      await assert.rejects(
        live({ folder: "42" }),
        (error: unknown) =>
          error instanceof GcpSourceError &&
          /assets\.list folders\/42 RESOURCE failed: 403/.test(error.message),
      );
    } finally {
      faults.clear();
    }
  });

  it("runs as `mamori cloud gcp --projects … --endpoint …` with the same findings and exit codes", async () => {
    faults.set("/v1/projects/acme-denied/assets", { status: 403 });
    try {
      const ok = await mamori(["--projects", "acme-prod,acme-hardened", "--format", "json", "--no-store"]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stderr, /resources from 2 project\(s\)/);
      const report = JSON.parse(ok.stdout) as {
        findings: { checkId: string; status: string; compliance: unknown[] }[];
      };
      const failed = report.findings.filter((f) => f.status === "fail").map((f) => f.checkId);
      assert.equal(failed.length, MISCONFIGURED_FAILURES.length);
      const sink = report.findings.find((f) => f.checkId === "gcp.project.log-sink-all-entries");
      assert.deepEqual(sink?.compliance, [{ framework: "cis-gcp", version: "5.0.0", control: "2.3" }]);
      const denied = await mamori(["--projects", "acme-denied", "--no-store"]);
      assert.equal(denied.code, 2);
      assert.match(
        denied.stderr,
        /assets\.list projects\/acme-denied RESOURCE failed: 403 PERMISSION_DENIED/,
      );
      assert.doesNotMatch(denied.stderr, /\n\s+at /, "no stack trace");
      const noCredentials = await mamori(["--projects", "acme-prod", "--no-store"], {
        GOOGLE_APPLICATION_CREDENTIALS: join(tmpdir(), "mamori-no-such-adc.json"),
      });
      assert.equal(noCredentials.code, 2);
      assert.match(
        noCredentials.stderr,
        /^mamori: Application Default Credentials: .*mamori-no-such-adc\.json/m,
      );
    } finally {
      faults.clear();
    }
  });
});

const root = join(import.meta.dirname, "..", "..", "..");
const cli = (...parts: string[]) => JSON.stringify(pathToFileURL(join(root, "src", "cli", ...parts)).href);
/** `main` as bin.ts runs it, with `cloud` registered even if the shared command list lacks it. */
const entry = [
  `import { COMMANDS } from ${cli("commands", "index.ts")};`,
  `import { cloudCommand } from ${cli("commands", "cloud.ts")};`,
  `import { main } from ${cli("main.ts")};`,
  "if (!COMMANDS.includes(cloudCommand)) COMMANDS.push(cloudCommand);",
  "process.exitCode = await main(process.argv.slice(1));",
].join("\n");

/** Runs the CLI in a child process (asynchronously: this process serves its API calls). */
function mamori(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [
        "--import",
        import.meta.resolve("tsx"),
        "--input-type=module",
        "-e",
        entry,
        "cloud",
        "gcp",
        "--endpoint",
        endpoint,
        ...args,
      ],
      { cwd: tmpdir(), encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env }, timeout: 120_000 },
      (error, stdout, stderr) =>
        done({ code: error ? ((error as { code?: unknown }).code as number | null) : 0, stdout, stderr }),
    );
  });
}

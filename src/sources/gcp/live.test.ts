import assert from "node:assert/strict";
import { execFile } from "node:child_process";
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
import { type GcpTestServer, startGcpServer } from "./asset-server.test-helpers.js";
import { type GcpScope, GcpSourceError, scanGcpLive } from "./live.js";

/**
 * The real Google clients (google-auth-library ADC, googleapis-common,
 * @googleapis/sqladmin) against the loopback server of asset-server.test-helpers
 * (the owning REST APIs, paged with `nextPageToken`; a 429 with Retry-After, a
 * 403 and a 404 on demand). The credentials are an `external_account` ADC file
 * whose token exchange goes to the same server, so nothing leaves the machine.
 */

const testdata = join(import.meta.dirname, "testdata");
const FILES = {
  "acme-prod": join(testdata, "asset-export.jsonl"),
  "acme-hardened": join(testdata, "live-hardened.jsonl"),
};
let gcp: GcpTestServer;
let auth: GoogleAuth;
/** ADC settings this file changes; restored after. */
const ADC_ENV = [
  "GOOGLE_APPLICATION_CREDENTIALS",
  "GOOGLE_CLOUD_PROJECT",
  "METADATA_SERVER_DETECTION",
] as const;
const savedEnv = Object.fromEntries(ADC_ENV.map((name) => [name, process.env[name]]));

before(async () => {
  gcp = await startGcpServer(FILES);
  // Application Default Credentials: the library finds the file through this variable.
  process.env.GOOGLE_APPLICATION_CREDENTIALS = gcp.credentialsFile;
  // Without these the library looks for a project id on the metadata server and at Resource Manager.
  process.env.GOOGLE_CLOUD_PROJECT = "acme-prod";
  process.env.METADATA_SERVER_DETECTION = "none";
  auth = new GoogleAuth({ scopes: ["https://www.googleapis.com/auth/cloud-platform"] });
});

after(() => {
  gcp.close();
  for (const name of ADC_ENV)
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
});

const live = (scope: GcpScope) => scanGcpLive({ auth, scope, endpoint: gcp.endpoint, pageSize: 2 });
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
/**
 * Age checks (key rotation) measure from the collection time, which an asset
 * export does not carry, and Essential Contacts are not in exports at all:
 * live decides them, the snapshot leaves them unknown.
 */
const LIVE_ONLY = new Set(["gcp.project.essential-contacts"]);
const signature = (findings: Finding[]) =>
  findings
    .filter((f) => !f.checkId.endsWith("key-rotation") && !LIVE_ONLY.has(f.checkId))
    .map((f) => `${f.status} ${f.checkId} ${f.resource.id}`)
    .sort();

async function snapshot(file: string): Promise<Resource[]> {
  const resources: Resource[] = [];
  for await (const item of readAssetExport(file)) if ("resource" in item) resources.push(item.resource);
  return resources;
}

const MISCONFIGURED_FAILURES = [
  "gcp.apikeys.api-restrictions maps-web",
  "gcp.apikeys.application-restrictions maps-web",
  "gcp.apikeys.key-rotation maps-web",
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
  "gcp.project.essential-contacts acme-prod",
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
    gcp.faults.set("/v1/projects/acme-prod/assets", {
      status: 429,
      once: true,
      headers: { "retry-after": "0" },
    });
    gcp.seen.length = 0;
    const result = await live({ projects: ["acme-prod", "acme-hardened"] });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.projects.sort(), ["acme-hardened", "acme-prod"]);
    assert.ok(gcp.tokenRequests >= 1, "the bearer token came from the ADC token exchange");
    // The 429 was retried: the first page was asked twice; then the pages followed nextPageToken.
    assert.equal(gcp.seen.filter((s) => s === "/v1/projects/acme-prod/assets RESOURCE").length, 2);
    assert.deepEqual(
      gcp.seen.filter((s) => s.startsWith("/v1/projects/acme-prod/assets RESOURCE")),
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
      gcp.seen.includes("/v1/projects/acme-hardened/instances"),
      "Cloud SQL flags read from the Admin API",
    );
    assert.ok(
      gcp.seen.includes("/v1/projects/acme-hardened/accessApprovalSettings"),
      "Access Approval settings read from its API",
    );
    const findings = evaluate(result.resources, liveRegistry);
    assert.deepEqual(outcome(findings, "error"), []);
    assert.deepEqual(outcome(findings, "fail", "acme-prod"), MISCONFIGURED_FAILURES);
    assert.deepEqual(outcome(findings, "fail", "acme-hardened"), []);
    assert.equal(outcome(findings, "pass", "acme-hardened").length, 43);
    // Two contacts, one a page: the contacts:compute listing followed nextPageToken.
    assert.deepEqual(
      gcp.seen.filter((s) => s.startsWith("/v1/projects/acme-hardened/contacts:compute")),
      ["/v1/projects/acme-hardened/contacts:compute", "/v1/projects/acme-hardened/contacts:compute  1"],
    );
    for (const expected of [
      "gcp.apikeys.application-restrictions store-locator",
      "gcp.compute.ssl-policy-strong-ciphers ledger-https",
      "gcp.functions.secrets-in-env ledger-export",
      "gcp.project.access-approval-enabled acme-hardened",
      "gcp.project.essential-contacts acme-hardened",
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
    gcp.faults.set("/v1/projects/acme-denied/assets", { status: 403 });
    gcp.faults.set("/v1/projects/acme-prod/instances", { status: 403 });
    gcp.faults.set("/v3/projects/acme-prod/alertPolicies", { status: 404 });
    gcp.faults.set("/compute/v1/projects/acme-prod", { status: 403 });
    gcp.faults.set("/v1/projects/acme-prod/accessApprovalSettings", { status: 403 });
    gcp.faults.set("/v1/projects/acme-prod/contacts:compute", { status: 403 });
    try {
      const result = await live({ projects: ["acme-prod", "acme-denied", "acme-hardened"] });
      assert.equal(result.errors.length, 6);
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
        "gcp.project.essential-contacts acme-prod",
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
      gcp.faults.clear();
    }
  });

  it("makes IAM policies unknown, not empty, when only the IAM_POLICY listing is refused", async () => {
    gcp.faults.set("/v1/projects/acme-prod/assets IAM_POLICY", { status: 403 });
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
      gcp.faults.clear();
    }
  });

  it("stops with one line when no scope could be listed", async () => {
    gcp.faults.set("/v1/folders/42/assets", { status: 403 });
    try {
      await assert.rejects(
        live({ folder: "42" }),
        (error: unknown) =>
          error instanceof GcpSourceError &&
          /assets\.list folders\/42 RESOURCE failed: 403/.test(error.message),
      );
    } finally {
      gcp.faults.clear();
    }
  });

  it("runs as `mamori cloud gcp --projects … --endpoint …` with the same findings and exit codes", async () => {
    gcp.faults.set("/v1/projects/acme-denied/assets", { status: 403 });
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
      gcp.faults.clear();
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
        gcp.endpoint,
        ...args,
      ],
      { cwd: tmpdir(), encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env }, timeout: 120_000 },
      (error, stdout, stderr) =>
        done({ code: error ? ((error as { code?: unknown }).code as number | null) : 0, stdout, stderr }),
    );
  });
}

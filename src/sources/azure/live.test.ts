/**
 * The live Azure source runs the real Resource Graph SDK client against a
 * local HTTPS server on loopback that answers like the documented REST API
 * (POST /providers/Microsoft.ResourceGraph/resources, `$skipToken` paging,
 * 429 with Retry-After, 403 AuthorizationFailed). No emulator of ARM exists.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { Agent, createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { evaluateResource } from "../../checks/evaluate.js";
import { builtinChecks } from "../../checks/index.generated.js";
import { CheckRegistry } from "../../checks/registry.js";
import type { Resource } from "../../model/index.js";
import { withLiveErrors } from "../aws/live-errors.js";
import { scanAzureLive } from "./live.js";
import { readAzureSnapshot } from "./snapshot.js";

const testdata = join(import.meta.dirname, "testdata");
const rows = (
  JSON.parse(readFileSync(join(testdata, "graph-misconfigured.json"), "utf8")) as {
    data: { type: string }[];
  }
).data;
const tableOf = (type: string) =>
  type.startsWith("microsoft.security/")
    ? "securityresources"
    : type.startsWith("microsoft.authorization/")
      ? "authorizationresources"
      : type === "microsoft.resources/subscriptions"
        ? "resourcecontainers"
        : "resources";

const dir = mkdtempSync(join(tmpdir(), "mamori-arg-"));
execFileSync(
  "openssl",
  [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    "subjectAltName=IP:127.0.0.1",
    "-keyout",
    join(dir, "key.pem"),
    "-out",
    join(dir, "cert.pem"),
  ],
  { stdio: "ignore" },
);
const cert = readFileSync(join(dir, "cert.pem"));
const agent = new Agent({ ca: cert });
const trustLocal = {
  name: "trust-local-certificate",
  sendRequest(request: { agent?: unknown }, next: (r: never) => Promise<unknown>) {
    request.agent = agent;
    return next(request as never);
  },
};
const credential = {
  getToken: async () => ({ token: "test-token", expiresOnTimestamp: Date.now() + 3_600_000 }),
};

const requests: { table: string; skipToken?: string; authorization?: string }[] = [];
let denyAuthorization = false;
let throttled = false;
const server = createServer({ key: readFileSync(join(dir, "key.pem")), cert }, (req, res) => {
  let body = "";
  req.on("data", (chunk) => {
    body += chunk;
  });
  req.on("end", () => {
    const reply = (status: number, doc: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(doc));
    };
    if (
      req.method !== "POST" ||
      !req.url?.startsWith("/providers/Microsoft.ResourceGraph/resources?api-version=")
    )
      return reply(404, { error: { code: "NotFound", message: `no route ${req.method} ${req.url}` } });
    const request = JSON.parse(body) as { query: string; options?: { $skipToken?: string; $top?: number } };
    const table = request.query.split(" ")[0] ?? "";
    requests.push({
      table,
      skipToken: request.options?.$skipToken,
      authorization: req.headers.authorization,
    });
    if (table === "resources" && !request.options?.$skipToken && !throttled) {
      throttled = true;
      return reply(429, { error: { code: "RateLimiting", message: "Please retry" } }, { "retry-after": "0" });
    }
    if (table === "authorizationresources" && denyAuthorization)
      return reply(403, {
        error: {
          code: "AuthorizationFailed",
          message: "The client does not have authorization to perform action",
        },
      });
    const all = rows.filter((r) => tableOf(r.type) === table);
    // Two pages for the resources table, so paging is exercised.
    const half = Math.ceil(all.length / 2);
    const page =
      table !== "resources"
        ? all
        : request.options?.$skipToken === "page-2"
          ? all.slice(half)
          : all.slice(0, half);
    const next = table === "resources" && !request.options?.$skipToken ? { $skipToken: "page-2" } : {};
    reply(200, {
      totalRecords: all.length,
      count: page.length,
      resultTruncated: "false",
      ...next,
      data: page,
    });
  });
});

let endpoint = "";
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  agent.destroy();
});

const LIVE_ONLY = [
  "azure.defender.endpoint-protection Production",
  "azure.monitor.app-insights-configured Production",
  "azure.network.bastion-exists Production",
];
const registry = withLiveErrors(new CheckRegistry(builtinChecks));
function findings(resources: Resource[], status: string): string[] {
  return resources
    .flatMap((r) =>
      evaluateResource(r, registry, () => [])
        .filter((f) => f.status === status)
        .map((f) => `${f.checkId} ${r.name}`),
    )
    .sort();
}

describe("live Azure source (Resource Graph SDK against a local server)", () => {
  it("pages with $skipToken, retries a 429 and gives the snapshot's findings", async () => {
    requests.length = 0;
    throttled = false;
    denyAuthorization = false;
    const live = await scanAzureLive({
      credential,
      endpoint,
      additionalPolicies: [trustLocal as never],
      pageSize: 50,
    });
    assert.deepEqual(live.errors, []);
    assert.deepEqual(
      requests.map((r) => `${r.table}${r.skipToken ? `@${r.skipToken}` : ""}`),
      [
        "resources",
        "resources",
        "resources@page-2",
        "securityresources",
        "authorizationresources",
        "resourcecontainers",
      ],
    );
    assert.ok(requests.every((r) => r.authorization === "Bearer test-token"));
    assert.equal(live.subscriptions.length, 1);
    const snapshot: Resource[] = [];
    for await (const item of readAzureSnapshot(join(testdata, "graph-misconfigured.json")))
      if ("resource" in item) snapshot.push(item.resource);
    // The same failures, plus those a complete listing can decide and a snapshot cannot:
    // a live query that returns no Microsoft.Security/settings, Bastion hosts or Application Insights means there are none.
    const liveFailures = findings(live.resources, "fail");
    const snapshotFailures = findings(snapshot, "fail");
    assert.deepEqual(
      snapshotFailures.filter((f) => !liveFailures.includes(f)),
      [],
    );
    assert.deepEqual(
      liveFailures.filter((f) => !snapshotFailures.includes(f)),
      LIVE_ONLY,
    );
    assert.ok(live.resources.every((r) => r.provenance.kind === "live"));
  });

  it("turns a 403 on a table into error findings for the checks that need it", async () => {
    requests.length = 0;
    throttled = true;
    denyAuthorization = true;
    const live = await scanAzureLive({ credential, endpoint, additionalPolicies: [trustLocal as never] });
    assert.equal(live.errors.length, 1);
    assert.match(live.errors[0] ?? "", /authorizationresources query failed: 403 AuthorizationFailed/);
    assert.deepEqual(findings(live.resources, "error"), [
      "azure.iam.no-custom-owner-roles Production",
      "azure.iam.no-root-user-access-admin Production",
      "azure.iam.owners-count Production",
    ]);
  });

  it("fails with one clear error when nothing can be read", async () => {
    await assert.rejects(
      scanAzureLive({
        credential,
        endpoint: `${endpoint}/nowhere`,
        additionalPolicies: [trustLocal as never],
      }),
      /Resource Graph resources query failed: 404/,
    );
  });
});

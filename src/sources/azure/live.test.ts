/**
 * The live Azure source runs the real Resource Graph SDK client against a
 * local HTTPS server on loopback that answers like the documented REST API
 * (POST /providers/Microsoft.ResourceGraph/resources, `$skipToken` paging,
 * 429 with Retry-After, 403 AuthorizationFailed). No emulator of ARM exists.
 * The ARM calls for child settings get 404 here (unknown, not errors);
 * live-arm.test.ts serves them.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { evaluateResource } from "../../checks/evaluate.js";
import { builtinChecks } from "../../checks/index.generated.js";
import { CheckRegistry } from "../../checks/registry.js";
import type { Resource } from "../../model/index.js";
import { withLiveErrors } from "../aws/live-errors.js";
import { resourceGraphReply } from "./arm-tenant.test-helpers.js";
import {
  armError,
  type Handler,
  type LocalHttps,
  type Reply,
  startHttps,
  testCredential,
} from "./https-server.test-helpers.js";
import { scanAzureLive } from "./live.js";
import { readAzureSnapshot } from "./snapshot.js";

const testdata = join(import.meta.dirname, "testdata");
const rows = (
  JSON.parse(readFileSync(join(testdata, "graph-misconfigured.json"), "utf8")) as {
    data: { type: string }[];
  }
).data;
const requests: { table: string; skipToken?: string; authorization?: string }[] = [];
let denyAuthorization = false;
let throttled = false;
function resourceGraph({ method, url, body, authorization }: Parameters<Handler>[0]): Reply {
  if (method !== "POST" || url.pathname !== "/providers/Microsoft.ResourceGraph/resources")
    return armError(404, "NotFound", `no route ${method} ${url.pathname}`);
  const request = JSON.parse(body) as { query: string; options?: { $skipToken?: string; $top?: number } };
  const table = request.query.split(" ")[0] ?? "";
  requests.push({ table, skipToken: request.options?.$skipToken, authorization });
  if (table === "resources" && !request.options?.$skipToken && !throttled) {
    throttled = true;
    return { ...armError(429, "RateLimiting", "Please retry"), headers: { "retry-after": "0" } };
  }
  if (table === "authorizationresources" && denyAuthorization)
    return armError(403, "AuthorizationFailed", "The client does not have authorization to perform action");
  // Two pages for the resources table, so paging is exercised.
  return resourceGraphReply(rows, body);
}

let server: LocalHttps;
let endpoint = "";
let trustLocal: LocalHttps["trust"];
const credential = testCredential;
before(async () => {
  server = await startHttps(resourceGraph);
  endpoint = server.endpoint;
  trustLocal = server.trust;
});
after(() => server.close());

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
      additionalPolicies: [trustLocal],
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
    const live = await scanAzureLive({ credential, endpoint, additionalPolicies: [trustLocal] });
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
        additionalPolicies: [trustLocal],
      }),
      /Resource Graph resources query failed: 404/,
    );
  });
});

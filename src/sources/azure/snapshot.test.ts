import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { evaluateResource } from "../../checks/evaluate.js";
import { loadFixture } from "../../checks/fixtures.js";
import { builtinChecks } from "../../checks/index.generated.js";
import { CheckRegistry } from "../../checks/registry.js";
import { isUnknown, type Resource, type ScanError } from "../../model/index.js";
import { readSnapshotFile } from "../read-snapshot.js";
import { SnapshotError } from "../snapshot/index.js";
import { parentId } from "./normalize.js";
import { looksLikeResourceGraph, readAzureSnapshot } from "./snapshot.js";

const testdata = join(import.meta.dirname, "testdata");
const registry = new CheckRegistry(builtinChecks);
const SUB = "11111111-2222-3333-4444-555555555555";

async function read(path: string) {
  const resources: Resource[] = [];
  const errors: ScanError[] = [];
  for await (const item of readAzureSnapshot(path)) {
    if ("resource" in item) resources.push(item.resource);
    else errors.push(item.error);
  }
  return { resources, errors };
}

/** "checkId resource-name" of every failing finding, sorted. */
function failures(resources: Resource[]): string[] {
  return resources
    .flatMap((r) =>
      evaluateResource(r, registry, () => [])
        .filter((f) => f.status === "fail" || f.status === "error")
        .map((f) => `${f.checkId} ${r.name}`),
    )
    .sort();
}

function statusOf(resources: Resource[], checkId: string, name: string): string[] {
  const resource = resources.find((r) => r.name === name);
  assert.ok(resource, `no resource ${name}`);
  return evaluateResource(resource, registry, () => [])
    .filter((f) => f.checkId === checkId)
    .map((f) => f.status);
}

const subscriptionFailures = [
  "azure.defender.alert-notifications",
  "azure.defender.apis",
  "azure.defender.app-services",
  "azure.defender.attack-path-notifications",
  "azure.defender.containers",
  "azure.defender.cosmos-db",
  "azure.defender.key-vault",
  "azure.defender.notify-owners",
  "azure.defender.open-source-databases",
  "azure.defender.resource-manager",
  "azure.defender.security-contact-email",
  "azure.defender.servers",
  "azure.defender.servers-agentless-scanning",
  "azure.defender.servers-file-integrity-monitoring",
  "azure.defender.sql-databases",
  "azure.defender.sql-servers-on-machines",
  "azure.defender.storage",
  "azure.iam.no-custom-owner-roles",
  "azure.iam.owners-count",
  "azure.monitor.alert-policy-assignment-delete",
  "azure.monitor.alert-policy-assignment-write",
  "azure.monitor.alert-public-ip-delete",
  "azure.monitor.alert-public-ip-write",
  "azure.monitor.alert-security-solution-delete",
  "azure.monitor.alert-security-solution-write",
  "azure.monitor.alert-service-health",
  "azure.monitor.alert-sql-firewall-delete",
  "azure.monitor.alert-sql-firewall-write",
  "azure.network.watcher-all-regions",
];
const resourceFailures = [
  "azure.keyvault.private-endpoint prod-kv",
  "azure.keyvault.public-network-disabled prod-kv",
  "azure.keyvault.purge-protection prod-kv",
  "azure.keyvault.rbac-authorization prod-kv",
  "azure.network.nsg-ssh-from-internet web-nsg",
  "azure.network.nsg-udp-from-internet web-nsg",
  "azure.network.subnet-nsg prod-vnet",
  "azure.network.vnet-ddos-protection prod-vnet",
  "azure.storage.cross-tenant-replication-disabled prodlogs01",
  "azure.storage.default-entra-authorization prodlogs01",
  "azure.storage.geo-redundant prodlogs01",
  "azure.storage.https-only prodlogs01",
  "azure.storage.infrastructure-encryption prodlogs01",
  "azure.storage.key-rotation-reminder prodlogs01",
  "azure.storage.min-tls-12 prodlogs01",
  "azure.storage.network-default-deny prodlogs01",
  "azure.storage.no-public-blob-access prodlogs01",
  "azure.storage.private-endpoint prodlogs01",
  "azure.storage.public-network-disabled prodlogs01",
  "azure.storage.shared-key-disabled prodlogs01",
  "azure.storage.trusted-services-bypass prodlogs01",
];

describe("Azure Resource Graph snapshot", () => {
  it("turns the misconfigured tenant into exactly the expected failures", async () => {
    const { resources, errors } = await read(join(testdata, "graph-misconfigured.json"));
    assert.deepEqual(errors, []);
    assert.deepEqual(resources.map((r) => r.type).sort(), [
      "azure.keyvault.vault",
      "azure.network.nsg",
      "azure.network.vnet",
      "azure.storage.account",
      "azure.subscription",
    ]);
    assert.deepEqual(
      failures(resources),
      [...subscriptionFailures.map((c) => `${c} Production`), ...resourceFailures].sort(),
    );
  });

  it("passes the hardened tenant", async () => {
    const { resources } = await read(join(testdata, "graph-hardened.json"));
    assert.deepEqual(failures(resources), []);
    assert.deepEqual(statusOf(resources, "azure.defender.servers", "Production"), ["pass"]);
    for (const component of ["servers-agentless-scanning", "servers-file-integrity-monitoring"])
      assert.deepEqual(statusOf(resources, `azure.defender.${component}`, "Production"), ["pass"]);
    assert.deepEqual(statusOf(resources, "azure.network.watcher-all-regions", "Production"), ["pass"]);
  });

  it("keeps what Resource Graph does not carry unknown, so no check fails on it", async () => {
    const { resources } = await read(join(testdata, "graph-misconfigured.json"));
    const storage = resources.find((r) => r.type === "azure.storage.account");
    assert.ok(storage && isUnknown(storage.properties.blobServiceProperties));
    assert.deepEqual(statusOf(resources, "azure.storage.blob-soft-delete", "prodlogs01"), ["not_applicable"]);
    assert.deepEqual(statusOf(resources, "azure.keyvault.key-expiration", "prod-kv"), ["not_applicable"]);
    // No subscription diagnostic setting rows: unknown, not "none exists".
    assert.deepEqual(statusOf(resources, "azure.monitor.activity-log-exported", "Production"), [
      "not_applicable",
    ]);
    const subscription = resources.find((r) => r.type === "azure.subscription");
    assert.equal(subscription?.account, SUB);
    assert.deepEqual(subscription?.properties.regionsInUse, ["northeurope", "westeurope"]);
  });

  it("is found by `mamori scan` from its first bytes", async () => {
    const file = join(testdata, "graph-misconfigured.json");
    const types: string[] = [];
    for await (const item of readSnapshotFile(file)) if ("resource" in item) types.push(item.resource.type);
    assert.equal(types.length, 5);
    assert.ok(
      looksLikeResourceGraph('{"count": 2, "data": [{"id": "/subscriptions/x"}], "skip_token": null}'),
    );
    assert.ok(
      looksLikeResourceGraph('[{"id": "/subscriptions/s/resourceGroups/r", "type": "microsoft.storage/x"}]'),
    );
    assert.ok(!looksLikeResourceGraph('[{"type": "azure.storage.account", "id": "/subscriptions/s/x"}]'));
  });
});

describe("directory of ARM GET responses", () => {
  it("adds the child settings Resource Graph lacks and agrees with it on the rest", async () => {
    const graph = failures((await read(join(testdata, "graph-misconfigured.json"))).resources);
    const { resources, errors } = await read(join(testdata, "arm-misconfigured"));
    assert.deepEqual(errors, []);
    // The directory has no subscription row, so the subscription is named by its id.
    const dir = failures(resources).map((f) => f.replace(SUB, "Production"));
    assert.deepEqual(
      dir.filter((f) => !graph.includes(f)),
      [
        "azure.keyvault.key-auto-rotation prod-kv",
        "azure.keyvault.key-expiration prod-kv",
        "azure.monitor.activity-log-categories Production",
        "azure.storage.blob-soft-delete prodlogs01",
        "azure.storage.blob-versioning prodlogs01",
        "azure.storage.smb-channel-encryption prodlogs01",
        "azure.storage.smb-protocol-version prodlogs01",
      ],
    );
    assert.deepEqual(
      graph.filter((f) => !dir.includes(f)),
      [],
    );
    assert.deepEqual(statusOf(resources, "azure.storage.container-soft-delete", "prodlogs01"), ["pass"]);
    assert.deepEqual(statusOf(resources, "azure.monitor.activity-log-exported", SUB), ["pass"]);
  });

  it("joins children to parents by id", () => {
    const base = `/subscriptions/${SUB}/resourceGroups/rg/providers`;
    assert.equal(
      parentId(`${base}/Microsoft.Storage/storageAccounts/a/blobServices/default`),
      `${base}/Microsoft.Storage/storageAccounts/a`,
    );
    assert.equal(
      parentId(`${base}/Microsoft.KeyVault/vaults/kv/providers/microsoft.insights/diagnosticSettings/d`),
      `${base}/Microsoft.KeyVault/vaults/kv`,
    );
    assert.equal(
      parentId(`/subscriptions/${SUB}/providers/Microsoft.Security/pricings/Arm`),
      `/subscriptions/${SUB}`,
    );
  });
});

describe("bad Azure snapshots", () => {
  const dir = mkdtempSync(join(tmpdir(), "mamori-azure-"));

  it("reports a malformed row with its file and index and keeps the others", async () => {
    const file = join(dir, "rows.json");
    writeFileSync(
      file,
      JSON.stringify({
        count: 2,
        data: [
          { id: "not-an-id", type: "microsoft.storage/storageaccounts", name: "x" },
          {
            id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v`,
            type: "microsoft.network/virtualnetworks",
            name: "v",
            properties: { subnets: [] },
          },
        ],
        skip_token: null,
      }),
    );
    const { resources, errors } = await read(file);
    assert.deepEqual(errors, [{ source: file, message: "[0]: id must be an Azure resource id" }]);
    assert.deepEqual(
      resources.map((r) => r.type),
      ["azure.network.vnet", "azure.subscription"],
    );
  });

  it("names the line and column of invalid JSON", async () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, '{"data": [\n  {"id": }\n]}');
    await assert.rejects(read(file), (error: Error) => {
      assert.ok(error instanceof SnapshotError);
      assert.match(error.message, /broken\.json:2:\d+: invalid JSON/);
      return true;
    });
  });

  it("refuses a document that is not Resource Graph output", async () => {
    const file = join(dir, "other.json");
    writeFileSync(file, '{"hello": "world"}');
    await assert.rejects(read(file), /not Azure Resource Graph output/);
    await assert.rejects(read(join(dir, "missing.json")), /cannot read \(ENOENT\)/);
  });
});

describe("same misconfiguration, template and snapshot", () => {
  it("fails the same check on an ARM template and on Resource Graph data", async () => {
    const template = await loadFixture(
      join(import.meta.dirname, "../../checks/azure/storage/min-tls-12/fixtures/fail/insecure.arm.json"),
    );
    const { resources } = await read(join(testdata, "graph-misconfigured.json"));
    for (const resource of [...template, ...resources.filter((r) => r.type === "azure.storage.account")]) {
      const statuses = evaluateResource(resource, registry, () => [])
        .filter((f) => f.checkId === "azure.storage.min-tls-12")
        .map((f) => f.status);
      assert.deepEqual(statuses, ["fail"], `${resource.provenance.kind} ${resource.id}`);
    }
  });
});

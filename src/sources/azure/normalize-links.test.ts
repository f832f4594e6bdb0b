import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateResource } from "../../checks/evaluate.js";
import { builtinChecks } from "../../checks/index.generated.js";
import { CheckRegistry } from "../../checks/registry.js";
import { isUnknown, type Resource } from "../../model/index.js";
import { normalizeArm, type RawArmResource } from "./normalize.js";

/** Storage account key creation times, and the NSGs of a VNet-injected Databricks workspace's subnets. */

const RG = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/data-rg/providers";
const VNET = `${RG}/Microsoft.Network/virtualNetworks/dbw-vnet`;
const NSG = `${RG}/Microsoft.Network/networkSecurityGroups/dbw-nsg`;
const provenance = { kind: "live", source: "azure/live", collectedAt: "2026-06-01T00:00:00.000Z" } as const;

const workspace = (name: string, parameters: Record<string, unknown>): RawArmResource => ({
  id: `${RG}/Microsoft.Databricks/workspaces/${name}`,
  type: "Microsoft.Databricks/workspaces",
  name,
  location: "westeurope",
  properties: {
    parameters: Object.fromEntries(
      Object.entries(parameters).map(([k, v]) => [k, { type: "String", value: v }]),
    ),
  },
});

const ITEMS: RawArmResource[] = [
  {
    id: `${RG}/Microsoft.Storage/storageAccounts/datalake01`,
    type: "Microsoft.Storage/storageAccounts",
    name: "datalake01",
    location: "westeurope",
    kind: "StorageV2",
    sku: { name: "Standard_LRS" },
    properties: {
      keyCreationTime: { key1: "2026-05-01T10:00:00.0000000Z", key2: "2025-11-01T10:00:00.0000000Z" },
    },
  },
  {
    id: VNET,
    type: "Microsoft.Network/virtualNetworks",
    name: "dbw-vnet",
    location: "westeurope",
    properties: {
      subnets: [
        { name: "dbw-public", properties: { networkSecurityGroup: { id: NSG } } },
        { name: "dbw-private", properties: {} },
      ],
    },
  },
  workspace("injected", {
    customVirtualNetworkId: VNET,
    customPublicSubnetName: "dbw-public",
    customPrivateSubnetName: "dbw-private",
  }),
  workspace("elsewhere", {
    customVirtualNetworkId: `${RG}/Microsoft.Network/virtualNetworks/other`,
    customPublicSubnetName: "a",
    customPrivateSubnetName: "b",
  }),
  workspace("managed", {}),
];

const registry = new CheckRegistry(builtinChecks);
const resources = normalizeArm(ITEMS, provenance);
const named = (name: string) => resources.find((r) => r.name === name) as Resource;
const statuses = (resource: Resource, checkId: string) =>
  evaluateResource(resource, registry, () => [])
    .filter((f) => f.checkId === checkId)
    .map((f) => `${f.status} ${f.message}`);

describe("Azure normaliser links", () => {
  it("keeps the storage account key creation times, judged against the collection time", () => {
    assert.deepEqual(named("datalake01").properties.keyCreationTime, {
      key1: "2026-05-01T10:00:00.0000000Z",
      key2: "2025-11-01T10:00:00.0000000Z",
    });
    assert.deepEqual(statuses(named("datalake01"), "azure.storage.access-keys-regenerated"), [
      "pass access key key1 is 30 days old",
      "fail access key key2 is 211 days old",
    ]);
  });

  it("gives a VNet-injected workspace its subnets' NSGs", () => {
    assert.deepEqual(named("injected").properties.injectedSubnets, [
      { name: "dbw-public", networkSecurityGroup: NSG },
      { name: "dbw-private", networkSecurityGroup: null },
    ]);
    assert.deepEqual(
      statuses(named("injected"), "azure.databricks.subnet-nsg").map((s) => s.split(" ")[0]),
      ["pass", "fail"],
    );
    // The network is not in the input: unknown, never a failure.
    assert.ok(isUnknown(named("elsewhere").properties.injectedSubnets));
    assert.deepEqual(
      statuses(named("elsewhere"), "azure.databricks.subnet-nsg").map((s) => s.split(" ")[0]),
      ["not_applicable"],
    );
    assert.equal(named("managed").properties.injectedSubnets, null);
  });
});

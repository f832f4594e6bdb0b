import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { evaluateResource } from "../../checks/evaluate.js";
import { builtinChecks } from "../../checks/index.generated.js";
import { CheckRegistry } from "../../checks/registry.js";
import { isUnknown, type Resource } from "../../model/index.js";
import { readAssetExport } from "./asset-export.js";
import { readSearchAllResources } from "./search-all.js";

/**
 * Settings that live on one asset but are judged on another: DNS server
 * policies (logging) on the networks they bind, and log sink destinations on
 * the buckets they write to.
 */

const PROJECT = "//cloudresourcemanager.googleapis.com/projects/480100";
const asset = (name: string, assetType: string, data: Record<string, unknown>) =>
  JSON.stringify({ name, assetType, resource: { data, parent: PROJECT }, ancestors: ["projects/480100"] });

const LINES = [
  asset(PROJECT, "cloudresourcemanager.googleapis.com/Project", {
    projectId: "acme-net",
    projectNumber: "480100",
  }),
  asset(
    "//compute.googleapis.com/projects/acme-net/global/networks/logged",
    "compute.googleapis.com/Network",
    {
      name: "logged",
    },
  ),
  asset(
    "//compute.googleapis.com/projects/acme-net/global/networks/quiet",
    "compute.googleapis.com/Network",
    {
      name: "quiet",
    },
  ),
  asset("//compute.googleapis.com/projects/acme-net/global/networks/bare", "compute.googleapis.com/Network", {
    name: "bare",
  }),
  asset("//dns.googleapis.com/projects/acme-net/policies/with-logs", "dns.googleapis.com/Policy", {
    name: "with-logs",
    enableLogging: true,
    networks: [
      { networkUrl: "https://www.googleapis.com/compute/v1/projects/acme-net/global/networks/logged" },
    ],
  }),
  asset("//dns.googleapis.com/projects/acme-net/policies/no-logs", "dns.googleapis.com/Policy", {
    name: "no-logs",
    networks: [
      { networkUrl: "https://compute.googleapis.com/compute/v1/projects/acme-net/global/networks/quiet" },
    ],
  }),
  asset("//logging.googleapis.com/projects/acme-net/sinks/archive", "logging.googleapis.com/LogSink", {
    name: "archive",
    destination: "storage.googleapis.com/acme-archive",
    filter: "",
  }),
  asset("//storage.googleapis.com/acme-archive", "storage.googleapis.com/Bucket", {
    name: "acme-archive",
    retentionPolicy: { retentionPeriod: "2592000" },
  }),
  asset("//storage.googleapis.com/acme-site", "storage.googleapis.com/Bucket", { name: "acme-site" }),
];

async function read(): Promise<Resource[]> {
  const file = join(mkdtempSync(join(tmpdir(), "mamori-gcp-links-")), "assets.jsonl");
  writeFileSync(file, `${LINES.join("\n")}\n`);
  const resources: Resource[] = [];
  for await (const item of readAssetExport(file)) if ("resource" in item) resources.push(item.resource);
  return resources;
}

const registry = new CheckRegistry(builtinChecks);
const statusOf = (resource: Resource | undefined, checkId: string) => {
  assert.ok(resource);
  return evaluateResource(resource, registry, () => [])
    .filter((f) => f.checkId === checkId)
    .map((f) => f.status);
};

describe("Cloud Asset links between assets", () => {
  it("gives each network the DNS server policies bound to it", async () => {
    const resources = await read();
    const network = (name: string) =>
      resources.find((r) => r.type === "gcp.compute.network" && r.name === name);
    assert.deepEqual(network("logged")?.properties.dnsPolicies, [{ name: "with-logs", enableLogging: true }]);
    assert.deepEqual(network("quiet")?.properties.dnsPolicies, [{ name: "no-logs", enableLogging: false }]);
    assert.deepEqual(network("bare")?.properties.dnsPolicies, []);
    assert.deepEqual(statusOf(network("logged"), "gcp.network.dns-logging"), ["pass"]);
    assert.deepEqual(statusOf(network("quiet"), "gcp.network.dns-logging"), ["fail"]);
    assert.deepEqual(statusOf(network("bare"), "gcp.network.dns-logging"), ["fail"]);
  });

  it("marks the buckets log sinks write to, and only those need a locked retention policy", async () => {
    const resources = await read();
    const bucket = (name: string) =>
      resources.find((r) => r.type === "gcp.storage.bucket" && r.name === name);
    assert.deepEqual(bucket("acme-archive")?.properties.logSinks, ["acme-net/archive"]);
    assert.deepEqual(bucket("acme-site")?.properties.logSinks, []);
    // The archive's retention policy is not locked.
    assert.deepEqual(statusOf(bucket("acme-archive"), "gcp.storage.log-sink-retention-locked"), ["fail"]);
    assert.deepEqual(statusOf(bucket("acme-site"), "gcp.storage.log-sink-retention-locked"), [
      "not_applicable",
    ]);
  });
});

describe("search-all-resources links", () => {
  it("leaves a network's DNS policies unknown when a policy came without its settings", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "mamori-gcp-search-")), "search.json");
    const network = "//compute.googleapis.com/projects/acme-net/global/networks/logged";
    writeFileSync(
      file,
      JSON.stringify([
        {
          name: network,
          assetType: "compute.googleapis.com/Network",
          project: "projects/480100",
          versionedResources: [{ version: "v1", resource: { name: "logged", autoCreateSubnetworks: false } }],
        },
        {
          name: "//dns.googleapis.com/projects/acme-net/policies/with-logs",
          assetType: "dns.googleapis.com/Policy",
          project: "projects/480100",
        },
      ]),
    );
    const resources: Resource[] = [];
    for await (const item of readSearchAllResources(file))
      if ("resource" in item) resources.push(item.resource);
    const found = resources.find((r) => r.id === network);
    assert.ok(isUnknown(found?.properties.dnsPolicies));
    assert.deepEqual(statusOf(found, "gcp.network.dns-logging"), ["not_applicable"]);
  });
});

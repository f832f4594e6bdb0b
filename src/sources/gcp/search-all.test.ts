import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { evaluateResource } from "../../checks/evaluate.js";
import { builtinChecks } from "../../checks/index.generated.js";
import { CheckRegistry } from "../../checks/registry.js";
import { isUnknown, type Resource, type ScanError } from "../../model/index.js";
import { readSnapshotFile } from "../read-snapshot.js";
import { looksLikeSearchAllResources, readSearchAllResources } from "./search-all.js";

const file = join(import.meta.dirname, "testdata", "search-all.json");
const registry = new CheckRegistry(builtinChecks);

async function read(path: string) {
  const resources: Resource[] = [];
  const errors: ScanError[] = [];
  for await (const item of readSearchAllResources(path)) {
    if ("resource" in item) resources.push(item.resource);
    else errors.push(item.error);
  }
  return { resources, errors };
}

describe("gcloud asset search-all-resources", () => {
  it("maps results to canonical resources and reports a bad entry with its index", async () => {
    const { resources, errors } = await read(file);
    assert.deepEqual(errors, [
      { source: file, message: "[4]: name must be a full resource name (//service/...)" },
    ]);
    assert.deepEqual(
      resources.map((r) => `${r.type} ${r.name} ${r.account}`),
      [
        "gcp.project acme-analytics acme-analytics",
        "gcp.storage.bucket acme-analytics-exports acme-analytics",
        "gcp.compute.instance etl-worker acme-analytics",
        "gcp.sql.instance warehouse acme-analytics",
      ],
    );
    const bucket = resources.find((r) => r.type === "gcp.storage.bucket");
    assert.deepEqual(bucket?.tags, { team: "data" });
    assert.ok(isUnknown(bucket?.properties.iamPolicy));
  });

  it("fails only on settings the search returned (versionedResources)", async () => {
    const { resources } = await read(file);
    const failing = resources
      .flatMap((r) =>
        evaluateResource(r, registry, () => [])
          .filter((f) => f.status === "fail" || f.status === "error")
          .map((f) => `${f.checkId} ${r.name}`),
      )
      .sort();
    assert.deepEqual(failing, [
      "gcp.compute.instance-confidential-computing etl-worker",
      "gcp.compute.instance-serial-port-disabled etl-worker",
      "gcp.sql.postgres-pgaudit-on warehouse",
    ]);
    const passing = resources.flatMap((r) =>
      evaluateResource(r, registry, () => [])
        .filter((f) => f.status === "pass")
        .map((f) => f.checkId),
    );
    assert.ok(passing.includes("gcp.sql.postgres-log-connections"));
    assert.ok(passing.includes("gcp.compute.instance-shielded-vm"));
  });

  it("is found by `mamori scan` from its first bytes", async () => {
    const types: string[] = [];
    for await (const item of readSnapshotFile(file)) if ("resource" in item) types.push(item.resource.type);
    assert.equal(types.length, 4);
    assert.ok(
      looksLikeSearchAllResources(
        '[{"name": "//storage.googleapis.com/b", "assetType": "storage.googleapis.com/Bucket"}]',
      ),
    );
    assert.ok(!looksLikeSearchAllResources('{"name": "//storage.googleapis.com/b", "assetType": "x"}'));
  });

  it("refuses output that is not a JSON array, naming the line of a syntax error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-gcp-"));
    const object = join(dir, "object.json");
    writeFileSync(object, '{"results": []}');
    await assert.rejects(read(object), /not search-all-resources output/);
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '[\n  {"name": "//x", }\n');
    await assert.rejects(read(broken), /broken\.json:2:\d+: invalid JSON/);
  });
});

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { evaluateResource } from "../../checks/evaluate.js";
import { builtinChecks } from "../../checks/index.generated.js";
import { CheckRegistry } from "../../checks/registry.js";
import type { Resource, ScanError } from "../../model/index.js";
import { looksLikeAssetExport, readAssetExport } from "./asset-export.js";

const fixture = join(import.meta.dirname, "testdata", "asset-export.jsonl");

async function read(file: string) {
  const resources: Resource[] = [];
  const errors: ScanError[] = [];
  for await (const item of readAssetExport(file))
    if ("resource" in item) resources.push(item.resource);
    else errors.push(item.error);
  return { resources, errors };
}

describe("Cloud Asset export", () => {
  it("is recognised by its first line", () => {
    assert.ok(looksLikeAssetExport(readFileSync(fixture, "utf8").slice(0, 4096)));
    assert.ok(!looksLikeAssetExport('{"type":"aws.s3.bucket","id":"x"}'));
  });

  it("merges resource and IAM policy lines and folds project settings into the project", async () => {
    const { resources, errors } = await read(fixture);
    assert.deepEqual(errors, []);
    const types = resources.map((r) => r.type).sort();
    assert.deepEqual(types, [
      "gcp.compute.firewall",
      "gcp.compute.instance",
      "gcp.container.cluster",
      "gcp.project",
      "gcp.sql.instance",
      "gcp.storage.bucket",
      "gcp.storage.bucket",
    ]);
    const site = resources.find((r) => r.id === "//storage.googleapis.com/acme-public-site");
    assert.equal(site?.account, "acme-prod", "project number mapped to the project id");
    assert.deepEqual(site?.tags, { team: "web" });
    assert.ok(site);
    assert.deepEqual((site.properties.iamPolicy as { bindings: unknown[] }).bindings, [
      { role: "roles/storage.objectViewer", members: ["allUsers"] },
    ]);
    const project = resources.find((r) => r.type === "gcp.project");
    assert.equal(project?.account, "acme-prod");
    assert.deepEqual(project?.properties.loggingSinks, [
      { name: "errors", filter: "severity>=ERROR", destination: "storage.googleapis.com/acme-logs" },
    ]);
    assert.ok(Array.isArray(project?.properties.auditConfigs));
  });

  it("feeds the GCP checks: the misconfigured assets fail the checks that name them", async () => {
    const { resources } = await read(fixture);
    const registry = new CheckRegistry(builtinChecks);
    const failed = resources
      .flatMap((r) => evaluateResource(r, registry, () => []))
      .filter((f) => f.status === "fail")
      .map((f) => `${f.checkId} ${f.resource.name}`);
    for (const expected of [
      "gcp.storage.bucket-not-public acme-public-site",
      "gcp.compute.firewall-ssh-from-internet allow-ssh",
      "gcp.compute.instance-default-sa-full-access bastion",
      "gcp.compute.instance-serial-port-disabled bastion",
      "gcp.compute.instance-shielded-vm bastion",
      "gcp.sql.no-open-authorized-networks orders",
      "gcp.sql.require-ssl orders",
      "gcp.gke.master-authorized-networks apps",
      "gcp.iam.no-primitive-roles-for-users acme-prod",
      "gcp.iam.no-service-account-admin-roles acme-prod",
      "gcp.project.log-sink-all-entries acme-prod",
      "gcp.project.audit-logging-all-services acme-prod",
    ])
      assert.ok(failed.includes(expected), `${expected} not in:\n${failed.join("\n")}`);
    assert.ok(!failed.includes("gcp.storage.bucket-not-public acme-audit"));
    assert.ok(!failed.includes("gcp.project.os-login-enabled acme-prod"));
  });

  it("names the line of a broken entry and goes on; refuses a file that is not an export", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-cai-"));
    const mixed = join(dir, "mixed.jsonl");
    writeFileSync(mixed, `${readFileSync(fixture, "utf8").split("\n")[3]}\n{broken\n{"name": "x"}\n`);
    const { resources, errors } = await read(mixed);
    assert.equal(resources.length, 1);
    assert.deepEqual(
      errors.map((e) => e.line),
      [2, 3],
    );
    assert.match(errors[1]?.message ?? "", /asset without an assetType/);
    const junk = join(dir, "junk.jsonl");
    writeFileSync(junk, "hello\nworld\n");
    await assert.rejects(read(junk), /junk\.jsonl: not a Cloud Asset export/);
  });
});

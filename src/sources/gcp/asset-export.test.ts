import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { evaluateResource } from "../../checks/evaluate.js";
import { builtinChecks } from "../../checks/index.generated.js";
import { CheckRegistry } from "../../checks/registry.js";
import { isUnknown, type Resource, type ScanError } from "../../model/index.js";
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
      "gcp.apikeys.key",
      "gcp.cloudfunctions.function",
      "gcp.compute.firewall",
      "gcp.compute.instance",
      "gcp.compute.target-https-proxy",
      "gcp.compute.target-ssl-proxy",
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

  it("resolves a proxy's SSL policy, and folds Access Approval settings into the project", async () => {
    const { resources } = await read(fixture);
    const proxy = (name: string) => resources.find((r) => r.name === name)?.properties.sslPolicyConfig;
    assert.equal(proxy("web-https"), null, "no policy: Google's default");
    assert.deepEqual(proxy("tcp-tls"), {
      name: "legacy-clients",
      profile: "COMPATIBLE",
      minTlsVersion: "TLS_1_0",
      customFeatures: [],
      enabledFeatures: ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"],
    });
    assert.ok(
      !resources.some((r) => r.id.includes("/sslPolicies/")),
      "a policy is not a resource of its own",
    );
    assert.equal(resources.find((r) => r.type === "gcp.project")?.properties.accessApprovalSettings, null);
    const hardened = await read(join(import.meta.dirname, "testdata", "live-hardened.jsonl"));
    const project = hardened.resources.find((r) => r.type === "gcp.project");
    const settings = project?.properties.accessApprovalSettings as { enrolledServices?: unknown } | undefined;
    assert.deepEqual(settings?.enrolledServices, [{ cloudProduct: "all", enrollmentLevel: "BLOCK_ALL" }]);
  });

  it("makes a proxy's SSL policy unknown when the export lacks it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-cai-"));
    const file = join(dir, "proxy.jsonl");
    const line = readFileSync(fixture, "utf8")
      .split("\n")
      .find((l) => l.includes('"compute.googleapis.com/TargetSslProxy"'));
    writeFileSync(file, `${line}\n`);
    const { resources } = await read(file);
    assert.ok(isUnknown(resources[0]?.properties.sslPolicyConfig));
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

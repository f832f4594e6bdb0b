import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { evaluateResource } from "../../../checks/evaluate.js";
import { builtinChecks } from "../../../checks/index.generated.js";
import { CheckRegistry } from "../../../checks/registry.js";
import { isUnknown } from "../../../model/index.js";
import { format } from "./index.js";

const registry = new CheckRegistry(builtinChecks);
const testdata = join(import.meta.dirname, "testdata");
const tmp = mkdtempSync(join(tmpdir(), "mamori-plan-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("terraform plan JSON", async () => {
  const result = await format.load([join(testdata, "plan.json")], { roots: [testdata] });
  const byId = Object.fromEntries(result.resources.map((r) => [r.id, r]));

  it("claims plan files by content only", () => {
    const head = '{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{';
    assert.ok(format.claims("plan.json", head));
    assert.ok(!format.claims("plan.json", '{"AWSTemplateFormatVersion": "2010-09-09"}'));
    assert.ok(!format.claims("main.tf", head));
  });

  it("maps planned resources and joins companions through configuration references", () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(Object.keys(byId).sort(), [
      "plan.json#aws_s3_bucket.data",
      "plan.json#aws_security_group.computed",
      "plan.json#aws_security_group.ssh",
      'plan.json#module.logs["eu"].aws_s3_bucket.this',
    ]);
    assert.deepEqual(byId["plan.json#aws_s3_bucket.data"]?.properties.publicAccessBlock, {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: false,
      restrictPublicBuckets: true,
    });
    assert.deepEqual(byId['plan.json#module.logs["eu"].aws_s3_bucket.this']?.properties.versioning, {
      status: "Enabled",
      mfaDelete: "Disabled",
    });
    assert.equal(byId["plan.json#aws_s3_bucket.data"]?.provenance.kind, "iac");
  });

  it("turns after_unknown attributes into unknowns that never fail a check", () => {
    const computed = byId["plan.json#aws_security_group.computed"];
    const ingress = computed?.properties.ingress as { ipv4Ranges: unknown[] }[];
    assert.ok(isUnknown(ingress[0]?.ipv4Ranges[0]));
    const findings = evaluateResource(computed as NonNullable<typeof computed>, registry, () => []);
    assert.ok(!findings.some((f) => f.status === "fail"), JSON.stringify(findings));
  });

  it("fails the same checks as the HCL, at the resource's line in the plan", () => {
    const ssh = byId["plan.json#aws_security_group.ssh"];
    const findings = evaluateResource(ssh as NonNullable<typeof ssh>, registry, () => []);
    const failed = findings.find((f) => f.checkId === "aws.ec2.security-group-admin-ports-ipv4");
    assert.equal(failed?.status, "fail");
    assert.equal(failed?.location?.file, "plan.json");
    assert.equal(failed?.location?.startLine, 31);
  });

  it("reports invalid JSON and non-plans as errors with positions", async () => {
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, '{\n  "format_version": "1.2",\n  "planned_values": {,\n}');
    const other = join(tmp, "other.json");
    writeFileSync(other, '{"format_version": "1.0"}');
    const r = await format.load([bad, other], { roots: [tmp] });
    assert.equal(r.errors.length, 2);
    assert.equal(r.errors[0]?.source, "bad.json");
    assert.equal(r.errors[0]?.line, 3);
    assert.match(r.errors[0]?.message ?? "", /^invalid JSON/);
    assert.deepEqual(r.errors[1], {
      source: "other.json",
      message: "not a Terraform plan: no planned_values, values or resource_changes",
    });
  });
});

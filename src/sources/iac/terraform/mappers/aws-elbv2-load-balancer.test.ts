/**
 * The ELBv2 load balancer mappers of both IaC sources, read through the
 * check fixtures: listeners joined from separate resources, defaults applied.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadFixture } from "../../../../checks/fixtures.js";
import { isUnknown, type Resource } from "../../../../model/index.js";

const checks = join(import.meta.dirname, "../../../../checks/aws/elbv2");
async function lb(path: string): Promise<Resource> {
  const found = (await loadFixture(join(checks, path))).filter((r) => r.type === "aws.elbv2.load-balancer");
  assert.equal(found.length, 1, `${path}: one load balancer`);
  return found[0] as Resource;
}

describe("ELBv2 load balancer mappers (Terraform and CloudFormation)", () => {
  it("joins listeners with their redirect actions", async () => {
    for (const file of [
      "http-redirects-to-https/fixtures/pass/redirect.tf",
      "http-redirects-to-https/fixtures/pass/redirect.cfn.yaml",
    ]) {
      const found = await lb(file);
      assert.deepEqual(
        found.properties.listeners,
        [
          {
            port: 80,
            protocol: "HTTP",
            sslPolicy: null,
            defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS" } }],
          },
        ],
        file,
      );
    }
  });

  it("joins aws_alb_listener to aws_alb", async () => {
    const found = await lb("http-redirects-to-https/fixtures/fail/forward.tf");
    assert.deepEqual(found.properties.listeners, [
      { port: 80, protocol: "HTTP", sslPolicy: null, defaultActions: [{ type: "forward" }] },
    ]);
  });

  it("applies AWS defaults when the template leaves attributes out", async () => {
    for (const file of [
      "deletion-protection/fixtures/fail/default.tf",
      "access-logs/fixtures/fail/no-attributes.cfn.yaml",
    ]) {
      const found = await lb(file);
      assert.equal(found.properties.type, "application", file);
      assert.equal(found.properties.deletionProtection, false, file);
      assert.deepEqual(found.properties.accessLogs, { enabled: false, bucket: null }, file);
    }
    assert.equal(
      (await lb("deletion-protection/fixtures/fail/default.tf")).properties.scheme,
      "internet-facing",
    );
    assert.equal(
      (await lb("access-logs/fixtures/fail/no-attributes.cfn.yaml")).properties.scheme,
      "internal",
    );
  });

  it("reads access logs from the block or the attribute list", async () => {
    for (const file of ["access-logs/fixtures/pass/logs.tf", "access-logs/fixtures/pass/logs.cfn.yaml"]) {
      assert.deepEqual((await lb(file)).properties.accessLogs, { enabled: true, bucket: "lb-logs" }, file);
    }
    const fromVariable = (await lb("access-logs/fixtures/unknown/enabled-from-variable.tf")).properties
      .accessLogs as { enabled: unknown };
    assert.ok(isUnknown(fromVariable.enabled));
  });
});

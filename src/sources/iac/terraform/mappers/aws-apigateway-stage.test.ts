/** The API Gateway stage mappers of both IaC sources, read through the check fixtures. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadFixture } from "../../../../checks/fixtures.js";
import { isUnknown, type Resource } from "../../../../model/index.js";

const checks = join(import.meta.dirname, "../../../../checks/aws/apigateway");
async function stage(path: string): Promise<Resource> {
  const found = (await loadFixture(join(checks, path))).filter((r) => r.type === "aws.apigateway.stage");
  assert.equal(found.length, 1, `${path}: one stage`);
  return found[0] as Resource;
}

describe("API Gateway stage mappers (Terraform and CloudFormation)", () => {
  it("joins */* method settings by reference and reads logging and tracing", async () => {
    assert.deepEqual((await stage("execution-logging/fixtures/pass/logged.tf")).properties, {
      stageName: "prod",
      accessLogDestination: "arn:aws:logs:eu-west-1:123456789012:log-group:api",
      methodLogging: "ERROR",
      tracingEnabled: true,
    });
    assert.deepEqual((await stage("execution-logging/fixtures/pass/logged.cfn.yaml")).properties, {
      stageName: "prod",
      accessLogDestination: "arn:aws:logs:eu-west-1:123456789012:log-group:api",
      methodLogging: "INFO",
      tracingEnabled: true,
    });
  });

  it("treats settings without a level, or for one method only, as OFF", async () => {
    for (const file of [
      "execution-logging/fixtures/fail/silent.tf",
      "execution-logging/fixtures/fail/silent.cfn.yaml",
    ]) {
      const { properties } = await stage(file);
      assert.equal(properties.methodLogging, "OFF", file);
      assert.equal(properties.accessLogDestination, null, file);
      assert.equal(properties.tracingEnabled, false, file);
    }
  });

  it("keeps a level from a variable or parameter unknown", async () => {
    for (const file of [
      "execution-logging/fixtures/unknown/level-from-variable.tf",
      "execution-logging/fixtures/unknown/parameter.cfn.yaml",
    ])
      assert.ok(isUnknown((await stage(file)).properties.methodLogging), file);
  });
});

/**
 * The SQS, DynamoDB, ECR, Secrets Manager and Lambda mappers of both IaC
 * sources, read through the check fixtures: same canonical shape from
 * Terraform and CloudFormation, companions joined, AWS defaults applied.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadFixture } from "../../../../checks/fixtures.js";
import { isUnknown, type Resource } from "../../../../model/index.js";

const checks = join(import.meta.dirname, "../../../../checks/aws");
async function one(path: string, type: string): Promise<Resource> {
  const found = (await loadFixture(join(checks, path))).filter((r) => r.type === type);
  assert.equal(found.length, 1, `${path}: one ${type}`);
  return found[0] as Resource;
}

describe("AWS service mappers (Terraform and CloudFormation)", () => {
  it("defaults SQS queues to SSE-SQS and joins queue policies", async () => {
    for (const file of ["sqs/encryption/fixtures/pass/default.cfn.yaml"]) {
      const q = await one(file, "aws.sqs.queue");
      assert.equal(q.properties.sqsManagedSseEnabled, true);
      assert.equal(q.properties.kmsMasterKeyId, null);
      assert.equal(q.properties.policy, null);
    }
    for (const file of [
      "sqs/no-public-policy/fixtures/fail/anyone.tf",
      "sqs/no-public-policy/fixtures/fail/anyone.cfn.yaml",
      "sqs/no-public-policy/fixtures/fail/inline-policy.cfn.yaml",
    ]) {
      const q = await one(file, "aws.sqs.queue");
      const policy = q.properties.policy as { Statement: unknown[] };
      assert.equal(policy.Statement.length, 1, file);
    }
  });

  it("maps DynamoDB tables to the same shape from both sources", async () => {
    for (const file of [
      "dynamodb/point-in-time-recovery/fixtures/pass/pitr.tf",
      "dynamodb/point-in-time-recovery/fixtures/pass/pitr.cfn.yaml",
    ]) {
      const t = await one(file, "aws.dynamodb.table");
      assert.equal(t.properties.pointInTimeRecovery, true, file);
      assert.equal(t.properties.deletionProtectionEnabled, false, file);
      assert.deepEqual(t.properties.sseSpecification, {
        enabled: false,
        sseType: null,
        kmsMasterKeyId: null,
      });
    }
  });

  it("joins ECR repository policies by reference and by literal name", async () => {
    for (const file of [
      "ecr/no-public-policy/fixtures/fail/anyone.tf",
      "ecr/no-public-policy/fixtures/fail/literal-name.tf",
    ]) {
      const r = await one(file, "aws.ecr.repository");
      assert.notEqual(r.properties.policy, null, file);
      assert.equal(r.properties.imageTagMutability, "MUTABLE");
      assert.deepEqual(r.properties.imageScanningConfiguration, { scanOnPush: false });
    }
  });

  it("sets rotationEnabled from a joined rotation resource", async () => {
    for (const [file, expected] of [
      ["secretsmanager/rotation-enabled/fixtures/pass/rotation.tf", true],
      ["secretsmanager/rotation-enabled/fixtures/pass/rotation.cfn.yaml", true],
      ["secretsmanager/rotation-enabled/fixtures/fail/no-rotation.tf", false],
    ] as const) {
      const s = await one(file, "aws.secretsmanager.secret");
      assert.equal(s.properties.rotationEnabled, expected, file);
    }
  });

  it("joins Lambda function URLs, including SAM's FunctionUrlConfig", async () => {
    for (const file of [
      "lambda/public-url/fixtures/fail/none.tf",
      "lambda/public-url/fixtures/fail/literal-name.tf",
      "lambda/public-url/fixtures/fail/none.cfn.yaml",
      "lambda/public-url/fixtures/fail/sam-url.cfn.yaml",
    ]) {
      const f = await one(file, "aws.lambda.function");
      assert.deepEqual(f.properties.functionUrl, { authType: "NONE" }, file);
      assert.equal(f.properties.runtime, "nodejs22.x");
    }
    const noUrl = await one("lambda/deprecated-runtime/fixtures/fail/nodejs16.tf", "aws.lambda.function");
    assert.equal(noUrl.properties.functionUrl, null);
    const env = await one(
      "lambda/secrets-in-env/fixtures/unknown/env-from-variable.tf",
      "aws.lambda.function",
    );
    assert.ok(isUnknown((env.properties.environment as { variables: unknown }).variables));
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { missingTerms, patternTerms } from "../../checks/aws/shared/monitoring.js";
import { errorMarker, findErrorMarker, isNotImplemented } from "./errors.js";
import { Limiter, mergeConcurrently } from "./limit.js";

describe("Limiter", () => {
  it("never runs more tasks at once than its size and keeps the order of map()", async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let peak = 0;
    const out = await limiter.map([1, 2, 3, 4, 5, 6, 7], async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setImmediate(resolve));
      active--;
      return n * 2;
    });
    assert.deepEqual(out, [2, 4, 6, 8, 10, 12, 14]);
    assert.equal(peak, 3);
  });
  it("refuses a size below one", () => {
    assert.throws(() => new Limiter(0), RangeError);
  });
});

describe("mergeConcurrently", () => {
  it("yields every item of every producer and rethrows a producer's error", async () => {
    const producer = (prefix: string, n: number) =>
      async function* () {
        for (let i = 0; i < n; i++) yield `${prefix}${i}`;
      };
    const items: string[] = [];
    for await (const item of mergeConcurrently([producer("a", 3), producer("b", 2), producer("c", 1)], 2))
      items.push(item);
    assert.deepEqual(items.sort(), ["a0", "a1", "a2", "b0", "b1", "c0"]);
    const failing = async function* (): AsyncGenerator<string> {
      yield "x";
      throw new Error("boom");
    };
    await assert.rejects(async () => {
      for await (const _ of mergeConcurrently([failing], 1)) {
        // drain
      }
    }, /boom/);
  });
});

describe("error markers", () => {
  it("classify HTML answers and unknown operations as NotImplemented", () => {
    assert.ok(isNotImplemented(new Error("@aws-sdk XML parse error: mismatched tags <html> and </title>.")));
    assert.ok(isNotImplemented(Object.assign(new Error("x"), { name: "UnknownOperationException" })));
    assert.ok(!isNotImplemented(Object.assign(new Error("denied"), { name: "AccessDenied" })));
    const marker = errorMarker(
      "kms:ListKeys",
      Object.assign(new Error("not allowed"), { name: "AccessDenied" }),
    );
    assert.deepEqual(marker, {
      $unknown: true,
      error: "AccessDenied",
      reason: "kms:ListKeys failed: AccessDenied (not allowed)",
    });
    assert.equal(findErrorMarker({ a: [{ b: marker }] }), marker);
    assert.equal(findErrorMarker({ a: { $unknown: true } }), undefined);
  });
});

describe("metric filter patterns", () => {
  it("match by terms, whatever the order, spacing and quoting", () => {
    const required = ["eventName=CreateTrail", "eventName=StopLogging"];
    assert.deepEqual(
      missingTerms('{($.eventName="StopLogging")||($.eventName = CreateTrail)}', required),
      [],
    );
    assert.deepEqual(missingTerms("{ $.eventName = CreateTrail }", required), ["eventName=StopLogging"]);
    assert.deepEqual(
      [...patternTerms('{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }')],
      ["userIdentity.type=Root", "userIdentity.invokedByNOT EXISTS"],
    );
  });
});

describe("live errors", () => {
  it("turn every check on a collection marker, and every result built on an error marker, into an error finding", async () => {
    const { fromEnv } = await import("@aws-sdk/credential-providers");
    const { AwsContext } = await import("./context.js");
    const { withLiveErrors } = await import("./live-errors.js");
    const { builtinChecks, CheckRegistry, evaluateResource } = await import("../../checks/index.js");
    const context = new AwsContext({ credentials: fromEnv() }, "123456789012", ["eu-west-1"]);
    const registry = withLiveErrors(new CheckRegistry(builtinChecks));
    const [marker] = context.collectionFailed({
      type: "aws.rds.db-instance",
      idPrefix: "arn:aws:rds:eu-west-1:123456789012:db:",
      region: "eu-west-1",
      source: "rds",
      operation: "rds:DescribeDBInstances",
      error: Object.assign(new Error("no"), { name: "AccessDenied" }),
    });
    assert.ok(marker && "resource" in marker);
    const findings = evaluateResource(marker.resource, registry, () => []);
    assert.ok(findings.length >= 4);
    for (const f of findings) {
      assert.equal(f.status, "error");
      assert.match(f.message, /rds:DescribeDBInstances failed: AccessDenied/);
    }
    assert.equal(marker.resource.id, "arn:aws:rds:eu-west-1:123456789012:db:*");
    const settings = context.resource({
      type: "aws.region-settings",
      id: "arn:aws::eu-west-1:123456789012:region-settings",
      name: "eu-west-1",
      region: "eu-west-1",
      source: "region",
      properties: {
        ebsEncryptionByDefault: errorMarker("ec2:GetEbsEncryptionByDefault", new Error("denied")),
      },
    });
    const ebs = evaluateResource(settings, registry, () => []).find(
      (f) => f.checkId === "aws.ec2.ebs-default-encryption",
    );
    assert.equal(ebs?.status, "error");
    context.destroy();
  });
});

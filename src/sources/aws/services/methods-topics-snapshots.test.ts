/**
 * API Gateway methods, SNS topics and EBS snapshots collected live from moto
 * (created through the real SDK), filling the IaC adapters' type and property
 * names, then judged by the same checks; a failed listing gives `error`.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  APIGatewayClient,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutMethodCommand,
} from "@aws-sdk/client-api-gateway";
import {
  CreateSnapshotCommand,
  CreateTagsCommand,
  CreateVolumeCommand,
  EC2Client,
  ModifySnapshotAttributeCommand,
} from "@aws-sdk/client-ec2";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { type MotoServer, setMotoCredentials, startMoto } from "../../../../test/moto/server.js";
import { builtinChecks, CheckRegistry } from "../../../checks/index.js";
import { complianceIndex, loadFrameworks } from "../../../compliance/index.js";
import type { Finding, Resource } from "../../../model/index.js";
import { type ResourceItem, runPostureScan } from "../../../scan/posture.js";
import { AwsContext, type AwsService, scanAccount } from "../index.js";
import { mergeConcurrently } from "../limit.js";
import { withLiveErrors } from "../live-errors.js";
import { service as apigateway } from "./apigateway.js";
import { service as ec2 } from "./ec2.js";
import { service as sns } from "./sns.js";

const REGION = "us-east-1";
const ACCOUNT = "123456789012";
const TYPES = ["aws.apigateway.method", "aws.sns.topic", "aws.ec2.snapshot"];

/** Runs the checks on a resource stream exactly as `mamori cloud aws` does (errors are findings). */
async function evaluate(items: AsyncIterable<ResourceItem>) {
  const resources: Resource[] = [];
  async function* tap(): AsyncGenerator<ResourceItem> {
    for await (const item of items) {
      if ("resource" in item) resources.push(item.resource);
      yield item;
    }
  }
  const result = await runPostureScan({
    kind: "aws",
    target: "moto",
    scope: `aws:${ACCOUNT}`,
    items: tap(),
    registry: withLiveErrors(new CheckRegistry(builtinChecks)),
    compliance: complianceIndex(loadFrameworks()),
    includePassed: true,
    tool: { name: "Mamori", version: "test" },
  });
  return { resources, findings: result.allFindings, errors: result.report.errors ?? [] };
}

/** "status name[ key]" lines of one check, sorted (names, since moto's ids are random). */
function outcome(findings: readonly Finding[], checkId: string): string[] {
  return findings
    .filter((f) => f.checkId === checkId)
    .map((f) => `${f.status} ${f.resource.name}${f.key ? ` ${f.key}` : ""}`)
    .sort();
}

const OPEN_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Sid: "anyone", Effect: "Allow", Principal: "*", Action: "sns:Publish", Resource: "*" }],
};

async function createApi(config: object) {
  const client = new APIGatewayClient(config);
  const api = await client.send(new CreateRestApiCommand({ name: "shop" }));
  const root = (await client.send(new GetResourcesCommand({ restApiId: api.id }))).items?.[0]?.id as string;
  const orders = await client.send(
    new CreateResourceCommand({ restApiId: api.id, parentId: root, pathPart: "orders" }),
  );
  const put = (
    resourceId: string,
    httpMethod: string,
    more: { apiKeyRequired?: boolean } = {},
    auth = "NONE",
  ) =>
    client.send(
      new PutMethodCommand({ restApiId: api.id, resourceId, httpMethod, authorizationType: auth, ...more }),
    );
  await put(root, "GET");
  await put(orders.id as string, "POST", {}, "AWS_IAM");
  await put(orders.id as string, "GET", { apiKeyRequired: true });
  await put(orders.id as string, "OPTIONS");
  return api.id as string;
}

async function createTopics(config: object) {
  const client = new SNSClient(config);
  await client.send(
    new CreateTopicCommand({ Name: "open-alerts", Attributes: { Policy: JSON.stringify(OPEN_POLICY) } }),
  );
  const alerts = await client.send(
    new CreateTopicCommand({ Name: "alerts", Attributes: { KmsMasterKeyId: "alias/aws/sns" } }),
  );
  await client.send(
    new SubscribeCommand({ TopicArn: alerts.TopicArn, Protocol: "email", Endpoint: "ops@example.com" }),
  );
}

async function createSnapshots(config: object) {
  const client = new EC2Client(config);
  const snapshot = async (name: string, Encrypted: boolean) => {
    const volume = await client.send(
      new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 8, Encrypted }),
    );
    const snap = await client.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId }));
    await client.send(
      new CreateTagsCommand({ Resources: [snap.SnapshotId as string], Tags: [{ Key: "Name", Value: name }] }),
    );
    return snap.SnapshotId as string;
  };
  const open = await snapshot("build-cache", false);
  await client.send(
    new ModifySnapshotAttributeCommand({
      SnapshotId: open,
      Attribute: "createVolumePermission",
      OperationType: "add",
      GroupNames: ["all"],
    }),
  );
  const shared = await snapshot("orders-data", true);
  await client.send(
    new ModifySnapshotAttributeCommand({
      SnapshotId: shared,
      Attribute: "createVolumePermission",
      OperationType: "add",
      UserIds: ["111122223333"],
    }),
  );
}

describe("live API Gateway methods, SNS topics and EBS snapshots (moto)", () => {
  let moto: MotoServer;
  let apiId: string;
  let resources: Resource[];
  let findings: Finding[];
  let errors: { source: string; message: string }[];
  const byName = (type: string, name: string): Resource => {
    const found = resources.find((r) => r.type === type && r.name === name);
    assert.ok(found, `${type} ${name}`);
    return found;
  };

  before(async () => {
    moto = await startMoto();
    setMotoCredentials();
    const config = { region: REGION, endpoint: moto.endpoint };
    apiId = await createApi(config);
    await createTopics(config);
    await createSnapshots(config);
    const services: AwsService[] = [apigateway, sns, ec2];
    const scan = await scanAccount({ endpoint: moto.endpoint, regions: [REGION], services });
    ({ resources, findings, errors } = await evaluate(scan.items));
  });
  after(async () => moto?.stop());

  it("fills the IaC adapters' property names", () => {
    assert.deepEqual(errors, [], "every call the three modules make is implemented by moto");
    const methods = resources.filter((r) => r.type === "aws.apigateway.method");
    assert.deepEqual(methods.map((m) => m.name).sort(), [
      "GET shop/",
      "GET shop/orders",
      "OPTIONS shop/orders",
      "POST shop/orders",
    ]);
    const post = byName("aws.apigateway.method", "POST shop/orders");
    assert.match(
      post.id,
      new RegExp(`^arn:aws:apigateway:${REGION}::/restapis/${apiId}/resources/[^/]+/methods/POST$`),
    );
    assert.deepEqual(post.properties, {
      httpMethod: "POST",
      authorizationType: "AWS_IAM",
      apiKeyRequired: false,
      authorizerId: null,
      restApiId: apiId,
    });

    const alerts = byName("aws.sns.topic", "alerts");
    assert.equal(alerts.id, `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`);
    assert.equal(alerts.properties.topicName, "alerts");
    assert.equal(alerts.properties.kmsMasterKeyId, "alias/aws/sns");
    const [subscription] = alerts.properties.subscriptions as Record<string, unknown>[];
    assert.deepEqual(
      { protocol: subscription?.protocol, endpoint: subscription?.endpoint },
      { protocol: "email", endpoint: "ops@example.com" },
    );
    assert.deepEqual(byName("aws.sns.topic", "open-alerts").properties.policy, OPEN_POLICY);
    assert.equal(byName("aws.sns.topic", "open-alerts").properties.kmsMasterKeyId, null);

    // Only the account's own snapshots: moto also lists its AMIs' snapshots, owned by another account.
    const snapshots = resources.filter((r) => r.type === "aws.ec2.snapshot");
    assert.deepEqual(snapshots.map((s) => s.name).sort(), ["build-cache", "orders-data"]);
    const shared = byName("aws.ec2.snapshot", "orders-data");
    assert.match(shared.id, new RegExp(`^arn:aws:ec2:${REGION}::snapshot/snap-[0-9a-f]+$`));
    assert.equal(shared.properties.encrypted, true);
    assert.equal(shared.properties.public, false);
    assert.deepEqual(shared.properties.sharedWith, ["111122223333"]);
    assert.equal(byName("aws.ec2.snapshot", "build-cache").properties.public, true);
  });

  it("the IaC checks decide on live data", () => {
    assert.deepEqual(outcome(findings, "aws.apigateway.method-authorization"), [
      "fail GET shop/",
      "not_applicable OPTIONS shop/orders",
      "pass GET shop/orders",
      "pass POST shop/orders",
    ]);
    assert.deepEqual(outcome(findings, "aws.sns.encryption"), ["fail open-alerts", "pass alerts"]);
    // alerts keeps SNS's default policy, limited by AWS:SourceOwner.
    assert.deepEqual(outcome(findings, "aws.sns.no-public-policy"), [
      "fail open-alerts anyone",
      "pass alerts",
    ]);
    assert.deepEqual(outcome(findings, "aws.ec2.snapshot-not-public"), [
      "fail build-cache",
      "pass orders-data",
    ]);
  });

  it("a listing that fails makes every check of the three types report error, never pass", async () => {
    // Nothing listens on port 1: every call fails at once, without retries.
    const context = new AwsContext(
      { credentials: fromNodeProviderChain(), endpoint: "http://127.0.0.1:1", maxAttempts: 1 },
      ACCOUNT,
      [REGION],
    );
    const failed = await evaluate(
      mergeConcurrently(
        [apigateway, sns, ec2].map((s) => () => s.collect(context, REGION)),
        3,
      ),
    );
    context.destroy();
    for (const type of TYPES)
      assert.ok(
        failed.resources.some((r) => r.type === type && r.id.endsWith("*")),
        `a collection marker for ${type}`,
      );
    const checks = builtinChecks.filter((c) => c.resourceTypes.some((t) => TYPES.includes(t)));
    assert.deepEqual(checks.map((c) => c.id).sort(), [
      "aws.apigateway.method-authorization",
      "aws.ec2.snapshot-not-public",
      "aws.sns.encryption",
      "aws.sns.no-public-policy",
    ]);
    for (const check of checks) {
      const statuses = new Set(failed.findings.filter((f) => f.checkId === check.id).map((f) => f.status));
      assert.deepEqual([...statuses], ["error"], check.id);
    }
    // Each failed listing is also a scan error naming the call; one failed GetRestApis is one
    // error, although its markers stand for both stages and methods.
    const listings = failed.errors.filter((e) => e.source.startsWith("aws/")).map((e) => e.message);
    assert.equal(listings.filter((m) => m.startsWith("apigateway:GetRestApis failed")).length, 1);
    assert.equal(listings.filter((m) => m.startsWith("sns:ListTopics failed")).length, 1);
    assert.equal(listings.filter((m) => m.startsWith("ec2:DescribeSnapshots failed")).length, 1);
  });
});

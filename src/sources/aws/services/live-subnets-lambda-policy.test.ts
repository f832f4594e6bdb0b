/**
 * Subnets, internet gateways and Lambda function policies collected live from
 * moto through the real SDK: the properties docs/resource-types.md promises,
 * and aws.lambda.no-public-policy on a function anyone may invoke versus one
 * only a named bucket may invoke (and one with no policy at all).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  EC2Client,
  ModifySubnetAttributeCommand,
} from "@aws-sdk/client-ec2";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { zipSync } from "fflate";
import { type MotoServer, setMotoCredentials, startMoto } from "../../../../test/moto/server.js";
import { builtinChecks } from "../../../checks/index.js";
import type { Resource } from "../../../model/index.js";
import { type AwsClientSettings, AwsContext } from "../context.js";
import { service as ec2 } from "./ec2.js";
import { service as lambda } from "./lambda.js";

const A = "123456789012";
const R = "us-east-1";

let moto: MotoServer;
let resources: Resource[] = [];
let ids: { vpcId: string; subnetId: string; igwId: string };

async function build(endpoint: string): Promise<void> {
  const config = { region: R, endpoint };
  const ec2Client = new EC2Client(config);
  const vpcId = (await ec2Client.send(new CreateVpcCommand({ CidrBlock: "10.20.0.0/16" }))).Vpc
    ?.VpcId as string;
  const subnetId = (
    await ec2Client.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "10.20.1.0/24", AvailabilityZone: "us-east-1a" }),
    )
  ).Subnet?.SubnetId as string;
  await ec2Client.send(
    new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }),
  );
  await ec2Client.send(
    new CreateTagsCommand({ Resources: [subnetId], Tags: [{ Key: "Name", Value: "web-a" }] }),
  );
  const igwId = (await ec2Client.send(new CreateInternetGatewayCommand({}))).InternetGateway
    ?.InternetGatewayId as string;
  await ec2Client.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  ids = { vpcId, subnetId, igwId };

  const role = await new IAMClient(config).send(
    new CreateRoleCommand({
      RoleName: "policy-fn-role",
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
    }),
  );
  const functions = new LambdaClient(config);
  const Code = {
    ZipFile: zipSync({ "index.py": new TextEncoder().encode("def handler(e, c):\n  return 1\n") }),
  };
  for (const FunctionName of ["open-fn", "bucket-fn", "private-fn"])
    await functions.send(
      new CreateFunctionCommand({
        FunctionName,
        Runtime: "python3.12",
        Role: role.Role?.Arn,
        Handler: "index.handler",
        Code,
      }),
    );
  await functions.send(
    new AddPermissionCommand({
      FunctionName: "open-fn",
      StatementId: "Anyone",
      Action: "lambda:InvokeFunction",
      Principal: "*",
    }),
  );
  await functions.send(
    new AddPermissionCommand({
      FunctionName: "bucket-fn",
      StatementId: "Uploads",
      Action: "lambda:InvokeFunction",
      Principal: "s3.amazonaws.com",
      SourceArn: "arn:aws:s3:::uploads",
      SourceAccount: A,
    }),
  );
}

async function collect(endpoint: string): Promise<Resource[]> {
  const settings: AwsClientSettings = {
    credentials: async () => ({ accessKeyId: "testing", secretAccessKey: "testing" }),
    endpoint,
    maxAttempts: 1,
  };
  const ctx = new AwsContext(settings, A, [R]);
  const out: Resource[] = [];
  try {
    for (const service of [ec2, lambda])
      for await (const item of service.collect(ctx, R)) if ("resource" in item) out.push(item.resource);
  } finally {
    ctx.destroy();
  }
  return out;
}

const byId = (id: string) => {
  const found = resources.find((r) => r.id === id);
  assert.ok(found, `no resource ${id}`);
  return found;
};
const fnArn = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;

describe("AWS live: subnets, internet gateways and Lambda function policies (moto)", () => {
  before(async () => {
    setMotoCredentials();
    moto = await startMoto();
    await build(moto.endpoint);
    resources = await collect(moto.endpoint);
  });
  after(async () => {
    await moto?.stop();
  });

  it("collects the subnet with its VPC, CIDR, zone, public-IP setting and tags", () => {
    const subnet = byId(`arn:aws:ec2:${R}:${A}:subnet/${ids.subnetId}`);
    assert.equal(subnet.type, "aws.ec2.subnet");
    assert.equal(subnet.name, "web-a");
    assert.deepEqual(subnet.properties, {
      subnetId: ids.subnetId,
      vpcId: ids.vpcId,
      cidrBlock: "10.20.1.0/24",
      availabilityZone: "us-east-1a",
      mapPublicIpOnLaunch: true,
      tags: { Name: "web-a" },
    });
  });

  it("collects the internet gateway with its VPC attachment", () => {
    const igw = byId(`arn:aws:ec2:${R}:${A}:internet-gateway/${ids.igwId}`);
    assert.equal(igw.type, "aws.ec2.internet-gateway");
    assert.deepEqual(igw.properties, {
      internetGatewayId: ids.igwId,
      attachments: [{ vpcId: ids.vpcId, state: "available" }],
    });
  });

  it("reads each function's policy: parsed when granted, null when none", () => {
    const open = byId(fnArn("open-fn")).properties.policy as { Statement: Record<string, unknown>[] };
    assert.equal(open.Statement.length, 1);
    assert.equal(open.Statement[0]?.Sid, "Anyone");
    assert.equal(open.Statement[0]?.Effect, "Allow");
    assert.equal(byId(fnArn("private-fn")).properties.policy, null);
  });

  it("aws.lambda.no-public-policy fails the function anyone may invoke, passes the others", () => {
    const check = builtinChecks.find((c) => c.id === "aws.lambda.no-public-policy");
    assert.ok(check, "check registered");
    const statuses = (name: string) => {
      const result = check.evaluate(byId(fnArn(name)));
      return (Array.isArray(result) ? result : [result]).map((r) => r.status);
    };
    assert.deepEqual(statuses("open-fn"), ["fail"]);
    assert.deepEqual(statuses("bucket-fn"), ["pass"]);
    assert.deepEqual(statuses("private-fn"), ["pass"]);
  });
});

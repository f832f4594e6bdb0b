import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  APIGatewayClient,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutMethodCommand,
} from "@aws-sdk/client-api-gateway";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  DescribeVpcsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { CreateRepositoryCommand, ECRClient } from "@aws-sdk/client-ecr";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { Limiter } from "../../src/sources/aws/limit.js";
import { setMotoCredentials, startMoto } from "../../test/moto/server.js";
import type { BenchCommand, RunInfo } from "../lib/scenario.js";

export const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];
/** Per region: security groups, extra VPCs, EBS volumes, KMS keys. Global: buckets, IAM users. */
export const SHAPE = { securityGroups: 1300, vpcs: 20, volumes: 200, keys: 60, buckets: 300, users: 150 };
/** Per region, a few of each kind the later service modules collect, so their calls are exercised too. */
export const EXTRA = {
  snapshots: 20,
  queues: 20,
  tables: 20,
  topics: 10,
  secrets: 10,
  repositories: 10,
  restApis: 5,
};

export const name = "aws-moto";
export const description =
  `mamori cloud aws (every service module) on a moto account of about 5,600 resources in ${REGIONS.length} regions ` +
  `(${SHAPE.securityGroups} security groups, ${SHAPE.vpcs} VPCs, ${SHAPE.volumes} volumes and ${SHAPE.keys} KMS keys per region; ` +
  `${SHAPE.buckets} S3 buckets, ${SHAPE.users} IAM users; per region also ${EXTRA.snapshots} EBS snapshots, ${EXTRA.queues} SQS queues, ` +
  `${EXTRA.tables} DynamoDB tables, ${EXTRA.topics} SNS topics, ${EXTRA.secrets} secrets, ${EXTRA.repositories} ECR repositories and ` +
  `${EXTRA.restApis} REST APIs with 2 methods each), against a bare script making the same API calls with the same concurrency`;

let endpoint = "";

/** Starts moto (stopped when the bench process exits) and fills it through the AWS SDK. */
export async function prepare(workDir: string): Promise<void> {
  setMotoCredentials();
  const moto = await startMoto();
  // The runner has no teardown: moto must not keep it alive, and is killed (synchronously) on exit.
  moto.unref();
  process.once("exit", () => void moto.stop());
  endpoint = moto.endpoint;
  const pool = new Limiter(16);
  const jobs: Promise<unknown>[] = [];
  const run = (task: () => Promise<unknown>) => jobs.push(pool.run(task));
  for (const region of REGIONS) {
    const ec2 = new EC2Client({ region, endpoint });
    const kms = new KMSClient({ region, endpoint });
    const vpcs = await ec2.send(new DescribeVpcsCommand({}));
    const vpcId = vpcs.Vpcs?.[0]?.VpcId;
    for (let i = 0; i < SHAPE.vpcs; i++)
      run(() => ec2.send(new CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16` })));
    for (let i = 0; i < SHAPE.securityGroups; i++)
      run(async () => {
        const sg = await ec2.send(
          new CreateSecurityGroupCommand({ GroupName: `app-${i}`, Description: `app ${i}`, VpcId: vpcId }),
        );
        // Every tenth group opens SSH to the world, so the checks have failures to report.
        if (i % 10 === 0)
          await ec2.send(
            new AuthorizeSecurityGroupIngressCommand({
              GroupId: sg.GroupId,
              IpPermissions: [
                { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
              ],
            }),
          );
      });
    for (let i = 0; i < SHAPE.volumes; i++)
      run(() =>
        ec2.send(
          new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8, Encrypted: i % 2 === 0 }),
        ),
      );
    for (let i = 0; i < SHAPE.keys; i++)
      run(() => kms.send(new CreateKeyCommand({ Description: `key ${i}` })));
    addExtras(region, run);
  }
  const s3 = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true });
  for (let i = 0; i < SHAPE.buckets; i++)
    run(() => s3.send(new CreateBucketCommand({ Bucket: `bench-bucket-${i}` })));
  const iam = new IAMClient({ region: "us-east-1", endpoint });
  for (let i = 0; i < SHAPE.users; i++)
    run(async () => {
      await iam.send(new CreateUserCommand({ UserName: `user-${i}` }));
      await iam.send(new CreateAccessKeyCommand({ UserName: `user-${i}` }));
    });
  await Promise.all(jobs);
  await writeFile(join(workDir, "endpoint"), endpoint);
}

/** Resources of the kinds the later service modules read (snapshots, queues, tables, topics, …). */
function addExtras(region: string, run: (task: () => Promise<unknown>) => void): void {
  const ec2 = new EC2Client({ region, endpoint });
  for (let i = 0; i < EXTRA.snapshots; i++)
    run(async () => {
      const volume = await ec2.send(
        new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8, Encrypted: i % 2 === 0 }),
      );
      await ec2.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId }));
    });
  const sqs = new SQSClient({ region, endpoint });
  for (let i = 0; i < EXTRA.queues; i++)
    run(() => sqs.send(new CreateQueueCommand({ QueueName: `queue-${i}` })));
  const dynamodb = new DynamoDBClient({ region, endpoint });
  for (let i = 0; i < EXTRA.tables; i++)
    run(() =>
      dynamodb.send(
        new CreateTableCommand({
          TableName: `table-${i}`,
          AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
          KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
          BillingMode: "PAY_PER_REQUEST",
        }),
      ),
    );
  const sns = new SNSClient({ region, endpoint });
  for (let i = 0; i < EXTRA.topics; i++) run(() => sns.send(new CreateTopicCommand({ Name: `topic-${i}` })));
  const secrets = new SecretsManagerClient({ region, endpoint });
  for (let i = 0; i < EXTRA.secrets; i++)
    run(() => secrets.send(new CreateSecretCommand({ Name: `secret-${i}`, SecretString: "x" })));
  const ecr = new ECRClient({ region, endpoint });
  for (let i = 0; i < EXTRA.repositories; i++)
    run(() => ecr.send(new CreateRepositoryCommand({ repositoryName: `repo-${i}` })));
  const apigateway = new APIGatewayClient({ region, endpoint });
  for (let i = 0; i < EXTRA.restApis; i++)
    run(async () => {
      const api = await apigateway.send(new CreateRestApiCommand({ name: `api-${i}` }));
      const root = (await apigateway.send(new GetResourcesCommand({ restApiId: api.id }))).items?.[0]?.id;
      for (const [httpMethod, authorizationType] of [
        ["GET", "NONE"],
        ["POST", "AWS_IAM"],
      ])
        await apigateway.send(
          new PutMethodCommand({ restApiId: api.id, resourceId: root, httpMethod, authorizationType }),
        );
    });
}

/** "N API calls" as printed by `mamori cloud aws` ("mamori: …, N API calls") and by the floor ("floor: N API calls"). */
export function apiCalls(stderr: string): Record<string, number> {
  const match = /(\d+) API calls/.exec(stderr);
  return match ? { apiCalls: Number(match[1]) } : {};
}

export function commands(workDir: string, run: RunInfo): BenchCommand[] {
  const regions = REGIONS.join(",");
  return [
    {
      label: "mamori cloud aws (no store)",
      role: "subject",
      argv: [
        "node",
        "dist/cli/bin.js",
        "cloud",
        "aws",
        "--endpoint-url",
        endpoint,
        "--regions",
        regions,
        "--no-store",
        "--format",
        "json",
        "--include-passed",
        "--output",
        join(workDir, `out-${run.index}.json`),
      ],
      counters: apiCalls,
    },
    {
      label: "bare SDK script, same calls",
      role: "floor",
      argv: ["node", "bench/scenarios/_aws-floor.mjs", endpoint, regions],
      counters: apiCalls,
    },
  ];
}

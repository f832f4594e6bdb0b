/**
 * Queues, tables, registries, secrets, functions, GuardDuty and RDS
 * clusters/snapshots collected live: a misconfigured and a hardened instance
 * of each, built in moto through the real SDK, scanned by the AWS source's
 * service modules, with the exact outcome of every check on these types.
 * The same account scanned through a loopback proxy that denies the
 * per-resource calls, and an endpoint that implements none of these APIs,
 * prove that the checks reading what could not be collected report `error`,
 * never `pass`.
 */
import assert from "node:assert/strict";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { CreateTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from "@aws-sdk/client-dynamodb";
import { CreateRepositoryCommand, ECRClient, SetRepositoryPolicyCommand } from "@aws-sdk/client-ecr";
import { CreateDetectorCommand, GuardDutyClient } from "@aws-sdk/client-guardduty";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateFunctionCommand, CreateFunctionUrlConfigCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  CreateDBClusterCommand,
  CreateDBClusterSnapshotCommand,
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  ModifyDBClusterSnapshotAttributeCommand,
  ModifyDBSnapshotAttributeCommand,
  RDSClient,
} from "@aws-sdk/client-rds";
import {
  CreateSecretCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { zipSync } from "fflate";
import { type MotoServer, setMotoCredentials, startMoto } from "../../../../test/moto/server.js";
import { builtinChecks, CheckRegistry } from "../../../checks/index.js";
import type { Finding, Resource } from "../../../model/index.js";
import { type ResourceItem, runPostureScan } from "../../../scan/posture.js";
import { type AwsClientSettings, AwsContext, type AwsService } from "../context.js";
import { scanAccount } from "../index.js";
import { mergeConcurrently } from "../limit.js";
import { withLiveErrors } from "../live-errors.js";
import { service as dynamodb } from "./dynamodb.js";
import { service as ecr } from "./ecr.js";
import { service as guardduty } from "./guardduty.js";
import { service as lambda } from "./lambda.js";
import { service as rds } from "./rds.js";
import { service as secretsmanager } from "./secretsmanager.js";
import { service as sqs } from "./sqs.js";

const A = "123456789012";
const R = "us-east-1";
/** us-east-1 gets an enabled detector, us-west-2 a suspended one, eu-west-1 none. */
const REGIONS = ["eu-west-1", "us-east-1", "us-west-2"];
const SERVICES: readonly AwsService[] = [sqs, dynamodb, ecr, secretsmanager, lambda, guardduty, rds];
const CHECKS = [
  "aws.sqs.encryption",
  "aws.sqs.no-public-policy",
  "aws.dynamodb.deletion-protection",
  "aws.dynamodb.kms-encryption",
  "aws.dynamodb.point-in-time-recovery",
  "aws.ecr.immutable-tags",
  "aws.ecr.no-public-policy",
  "aws.ecr.scan-on-push",
  "aws.secretsmanager.rotation-enabled",
  "aws.lambda.deprecated-runtime",
  "aws.lambda.public-url",
  "aws.lambda.secrets-in-env",
  "aws.guardduty.enabled",
  "aws.rds.storage-encrypted",
  "aws.rds.backup-retention",
  "aws.rds.deletion-protection",
  "aws.rds.iam-authentication",
  "aws.rds.snapshot-not-public",
];
const NEW_TYPES = new Set([
  "aws.sqs.queue",
  "aws.dynamodb.table",
  "aws.ecr.repository",
  "aws.secretsmanager.secret",
  "aws.lambda.function",
  "aws.guardduty.detector",
  "aws.rds.db-cluster",
  "aws.rds.snapshot",
]);

const everyone = (resource: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "Open", Effect: "Allow", Principal: "*", Action: "*", Resource: resource }],
  });
const ownAccount = (resource: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Own",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${A}:root` },
        Action: "*",
        Resource: resource,
      },
    ],
  });

/** One misconfigured and one hardened resource of each kind, in us-east-1 (GuardDuty per region). */
async function build(endpoint: string): Promise<void> {
  const config = { region: R, endpoint };
  const queue = new SQSClient(config);
  await queue.send(
    new CreateQueueCommand({
      QueueName: "plain-queue",
      Attributes: { SqsManagedSseEnabled: "false", Policy: everyone(`arn:aws:sqs:${R}:${A}:plain-queue`) },
    }),
  );
  await queue.send(
    new CreateQueueCommand({
      QueueName: "kms-queue",
      Attributes: { KmsMasterKeyId: "alias/aws/sqs", Policy: ownAccount(`arn:aws:sqs:${R}:${A}:kms-queue`) },
    }),
  );

  const tables = new DynamoDBClient(config);
  const table = (TableName: string) => ({
    TableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" as const }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" as const }],
  });
  await tables.send(new CreateTableCommand(table("plain-table")));
  await tables.send(
    new CreateTableCommand({
      ...table("safe-table"),
      DeletionProtectionEnabled: true,
      SSESpecification: { Enabled: true, SSEType: "KMS" },
    }),
  );
  await tables.send(
    new UpdateContinuousBackupsCommand({
      TableName: "safe-table",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );

  const registry = new ECRClient(config);
  await registry.send(new CreateRepositoryCommand({ repositoryName: "open-repo" }));
  await registry.send(
    new SetRepositoryPolicyCommand({ repositoryName: "open-repo", policyText: everyone("*") }),
  );
  await registry.send(
    new CreateRepositoryCommand({
      repositoryName: "locked-repo",
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
    }),
  );

  const iam = new IAMClient(config);
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: "fn-role",
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
    }),
  );
  const functions = new LambdaClient(config);
  const code = {
    ZipFile: zipSync({ "index.py": new TextEncoder().encode("def handler(e, c):\n  return 1\n") }),
  };
  const fn = (FunctionName: string, Runtime: "python3.8" | "python3.12", Variables: Record<string, string>) =>
    functions.send(
      new CreateFunctionCommand({
        FunctionName,
        Runtime,
        Role: role.Role?.Arn,
        Handler: "index.handler",
        Code: code,
        Environment: { Variables },
      }),
    );
  await fn("leaky-fn", "python3.8", { DB_PASSWORD: "s3cr3t-literal-value" });
  await fn("clean-fn", "python3.12", {
    DB_PASSWORD_SECRET_ARN: `arn:aws:secretsmanager:${R}:${A}:secret:db`,
  });
  await functions.send(new CreateFunctionUrlConfigCommand({ FunctionName: "leaky-fn", AuthType: "NONE" }));
  await functions.send(new CreateFunctionUrlConfigCommand({ FunctionName: "clean-fn", AuthType: "AWS_IAM" }));

  const secrets = new SecretsManagerClient(config);
  await secrets.send(new CreateSecretCommand({ Name: "static-secret", SecretString: "x" }));
  await secrets.send(new CreateSecretCommand({ Name: "rotated-secret", SecretString: "x" }));
  await secrets.send(
    new RotateSecretCommand({
      SecretId: "rotated-secret",
      RotationLambdaARN: `arn:aws:lambda:${R}:${A}:function:clean-fn`,
      RotationRules: { AutomaticallyAfterDays: 30 },
    }),
  );

  await new GuardDutyClient(config).send(new CreateDetectorCommand({ Enable: true }));
  await new GuardDutyClient({ ...config, region: "us-west-2" }).send(
    new CreateDetectorCommand({ Enable: false }),
  );

  const db = new RDSClient(config);
  await db.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: "orders",
      Engine: "postgres",
      DBInstanceClass: "db.t3.micro",
      AllocatedStorage: 20,
      MasterUsername: "app",
      MasterUserPassword: "example-password-1",
    }),
  );
  await db.send(
    new CreateDBSnapshotCommand({ DBInstanceIdentifier: "orders", DBSnapshotIdentifier: "orders-public" }),
  );
  await db.send(
    new ModifyDBSnapshotAttributeCommand({
      DBSnapshotIdentifier: "orders-public",
      AttributeName: "restore",
      ValuesToAdd: ["all"],
    }),
  );
  await db.send(
    new CreateDBSnapshotCommand({ DBInstanceIdentifier: "orders", DBSnapshotIdentifier: "orders-shared" }),
  );
  await db.send(
    new ModifyDBSnapshotAttributeCommand({
      DBSnapshotIdentifier: "orders-shared",
      AttributeName: "restore",
      ValuesToAdd: ["111122223333"],
    }),
  );
  const cluster = {
    Engine: "aurora-postgresql",
    MasterUsername: "app",
    MasterUserPassword: "example-password-1",
  };
  await db.send(
    new CreateDBClusterCommand({ ...cluster, DBClusterIdentifier: "ledger-open", BackupRetentionPeriod: 1 }),
  );
  await db.send(
    new CreateDBClusterCommand({
      ...cluster,
      DBClusterIdentifier: "ledger-safe",
      StorageEncrypted: true,
      DeletionProtection: true,
      BackupRetentionPeriod: 14,
      EnableIAMDatabaseAuthentication: true,
    }),
  );
  await db.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: "ledger-open-1",
      DBClusterIdentifier: "ledger-open",
      Engine: "aurora-postgresql",
      DBInstanceClass: "db.r6g.large",
    }),
  );
  await db.send(
    new CreateDBClusterSnapshotCommand({
      DBClusterIdentifier: "ledger-open",
      DBClusterSnapshotIdentifier: "ledger-copy",
    }),
  );
  await db.send(
    new ModifyDBClusterSnapshotAttributeCommand({
      DBClusterSnapshotIdentifier: "ledger-copy",
      AttributeName: "restore",
      ValuesToAdd: ["all"],
    }),
  );
}

/** Runs the checks on the collected items as `mamori cloud aws` does; also returns the resources seen. */
async function evaluate(
  items: AsyncIterable<ResourceItem>,
  target: string,
): Promise<{ findings: Finding[]; resources: Resource[] }> {
  const resources: Resource[] = [];
  async function* recorded(): AsyncGenerator<ResourceItem> {
    for await (const item of items) {
      if ("resource" in item) resources.push(item.resource);
      yield item;
    }
  }
  const result = await runPostureScan({
    kind: "aws",
    target,
    scope: `aws:${A}`,
    items: recorded(),
    registry: withLiveErrors(new CheckRegistry(builtinChecks)),
    compliance: () => [],
    includePassed: true,
    tool: { name: "Mamori", version: "test" },
  });
  return { findings: result.allFindings, resources };
}

/** "status resource [key]" per check, not-applicable left out; moto's generated names masked. */
function outcome(findings: readonly Finding[], checkId: string): string[] {
  return findings
    .filter((f) => f.checkId === checkId && f.status !== "not_applicable")
    .map((f) => `${f.status} ${f.resource.id}${f.key ? ` ${f.key}` : ""}`)
    .map((line) =>
      line
        .replace(/(secret:[a-z-]+)-[A-Za-z0-9]{6}\b/, "$1-*")
        .replace(/(snapshot:rds:[a-z0-9-]+?)-\d{4}(-\d{2}){4}\b/, "$1-*"),
    )
    .sort();
}

const arn = (service: string, resource: string, region = R) =>
  `arn:aws:${service}:${region}:${A}:${resource}`;

const sqsQueue = (name: string) => arn("sqs", name);
const table = (name: string) => arn("dynamodb", `table/${name}`);
const repo = (name: string) => arn("ecr", `repository/${name}`);
const fn = (name: string) => arn("lambda", `function:${name}`);
const cluster = (name: string) => arn("rds", `cluster:${name}`);

/** What each check reports on the resources `build` makes, when every call is answered. */
function expectedOutcomes(): Record<string, string[]> {
  return {
    "aws.sqs.encryption": [`fail ${sqsQueue("plain-queue")}`, `pass ${sqsQueue("kms-queue")}`],
    "aws.sqs.no-public-policy": [`fail ${sqsQueue("plain-queue")} Open`, `pass ${sqsQueue("kms-queue")}`],
    "aws.dynamodb.deletion-protection": [`fail ${table("plain-table")}`, `pass ${table("safe-table")}`],
    "aws.dynamodb.kms-encryption": [`fail ${table("plain-table")}`, `pass ${table("safe-table")}`],
    "aws.dynamodb.point-in-time-recovery": [`fail ${table("plain-table")}`, `pass ${table("safe-table")}`],
    "aws.ecr.immutable-tags": [`fail ${repo("open-repo")}`, `pass ${repo("locked-repo")}`],
    "aws.ecr.no-public-policy": [`fail ${repo("open-repo")} Open`, `pass ${repo("locked-repo")}`],
    "aws.ecr.scan-on-push": [`fail ${repo("open-repo")}`, `pass ${repo("locked-repo")}`],
    "aws.secretsmanager.rotation-enabled": [
      `fail ${arn("secretsmanager", "secret:static-secret-*")}`,
      `pass ${arn("secretsmanager", "secret:rotated-secret-*")}`,
    ],
    "aws.lambda.deprecated-runtime": [`fail ${fn("leaky-fn")}`, `pass ${fn("clean-fn")}`],
    "aws.lambda.public-url": [`fail ${fn("leaky-fn")}`, `pass ${fn("clean-fn")}`],
    "aws.lambda.secrets-in-env": [`fail ${fn("leaky-fn")} DB_PASSWORD`, `pass ${fn("clean-fn")}`],
    "aws.guardduty.enabled": [
      `fail ${arn("guardduty", "detector", "eu-west-1")}`,
      `pass ${arn("guardduty", "detector", "us-east-1")}`,
      `fail ${arn("guardduty", "detector", "us-west-2")}`,
    ],
    // The DB instance itself is moto's default (unencrypted, 1-day backups, no protection, no IAM auth).
    "aws.rds.storage-encrypted": [
      `fail ${cluster("ledger-open")}`,
      `pass ${cluster("ledger-safe")}`,
      `fail ${arn("rds", "db:orders")}`,
    ],
    "aws.rds.backup-retention": [
      `fail ${cluster("ledger-open")}`,
      `pass ${cluster("ledger-safe")}`,
      `fail ${arn("rds", "db:orders")}`,
    ],
    "aws.rds.deletion-protection": [
      `fail ${cluster("ledger-open")}`,
      `pass ${cluster("ledger-safe")}`,
      `fail ${arn("rds", "db:orders")}`,
    ],
    "aws.rds.iam-authentication": [
      `fail ${cluster("ledger-open")}`,
      `pass ${cluster("ledger-safe")}`,
      `fail ${arn("rds", "db:orders")}`,
    ],
    "aws.rds.snapshot-not-public": [
      `fail ${arn("rds", "snapshot:orders-public")}`,
      `pass ${arn("rds", "snapshot:orders-shared")}`,
      `pass ${arn("rds", "snapshot:rds:orders-*")}`,
      // moto takes an automated snapshot of every new instance (Aurora members too) and cluster.
      `pass ${arn("rds", "snapshot:rds:ledger-open-1-*")}`,
      `pass ${arn("rds", "cluster-snapshot:rds:ledger-open-*")}`,
      `pass ${arn("rds", "cluster-snapshot:rds:ledger-safe-*")}`,
      `fail ${arn("rds", "cluster-snapshot:ledger-copy")}`,
    ],
  };
}

/** A per-resource call the proxy refuses, as AWS refuses a call the scan role may not make. */
interface Denial {
  operation: string;
  matches: (request: { method: string; path: string; target: string; body: string }) => boolean;
  /** How the service's protocol spells an AccessDenied answer. */
  answer: { status: number; headers: Record<string, string>; body: string };
}

const jsonDenied = {
  status: 400,
  headers: { "content-type": "application/x-amz-json-1.0" },
  body: '{"__type":"AccessDeniedException","message":"denied by test"}',
};
const restDenied = {
  status: 403,
  headers: { "content-type": "application/json", "x-amzn-errortype": "AccessDeniedException" },
  body: '{"message":"denied by test"}',
};
const queryDenied = {
  status: 403,
  headers: { "content-type": "text/xml" },
  body: "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied by test</Message></Error><RequestId>1</RequestId></ErrorResponse>",
};

const DENIALS: Denial[] = [
  {
    operation: "sqs:GetQueueAttributes",
    matches: (r) => r.target.endsWith(".GetQueueAttributes"),
    answer: jsonDenied,
  },
  {
    operation: "dynamodb:DescribeContinuousBackups",
    matches: (r) => r.target.endsWith(".DescribeContinuousBackups"),
    answer: jsonDenied,
  },
  {
    operation: "ecr:GetRepositoryPolicy",
    matches: (r) => r.target.endsWith(".GetRepositoryPolicy"),
    answer: jsonDenied,
  },
  {
    operation: "ecr:GetRegistryScanningConfiguration",
    matches: (r) => r.target.endsWith(".GetRegistryScanningConfiguration"),
    answer: jsonDenied,
  },
  {
    operation: "lambda:GetFunctionUrlConfig",
    matches: (r) => r.method === "GET" && /\/functions\/[^/]+\/url$/.test(r.path),
    answer: restDenied,
  },
  {
    operation: "guardduty:GetDetector",
    matches: (r) => r.method === "GET" && /^\/detector\/[^/]+$/.test(r.path),
    answer: restDenied,
  },
  {
    operation: "rds:DescribeDBSnapshotAttributes",
    matches: (r) => r.body.includes("Action=DescribeDBSnapshotAttributes"),
    answer: queryDenied,
  },
];

/** A loopback proxy to moto that answers the calls of DENIALS with AccessDenied and forwards the rest. */
async function denyingProxy(target: string): Promise<{ endpoint: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const seen = {
        method: request.method ?? "GET",
        path: (request.url ?? "/").split("?")[0] ?? "/",
        target: String(request.headers["x-amz-target"] ?? ""),
        body: body.toString(),
      };
      const denial = DENIALS.find((d) => d.matches(seen));
      if (denial) {
        response.writeHead(denial.answer.status, denial.answer.headers);
        response.end(denial.answer.body);
        return;
      }
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers: request.headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      forward.on("error", () => response.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("AWS live source: queues, tables, registries, secrets, functions, GuardDuty, RDS clusters and snapshots", () => {
  let moto: MotoServer;
  let findings: Finding[];
  let resources: Resource[];
  let proxy: { endpoint: string; close(): Promise<void> };
  let deniedFindings: Finding[];

  before(async () => {
    setMotoCredentials();
    moto = await startMoto();
    await build(moto.endpoint);
    const scan = await scanAccount({ endpoint: moto.endpoint, regions: REGIONS, services: SERVICES });
    ({ findings, resources } = await evaluate(scan.items, moto.endpoint));
    proxy = await denyingProxy(moto.endpoint);
    const deniedScan = await scanAccount({ endpoint: proxy.endpoint, regions: REGIONS, services: SERVICES });
    ({ findings: deniedFindings } = await evaluate(deniedScan.items, proxy.endpoint));
  });
  after(async () => {
    await proxy?.close();
    await moto?.stop();
  });

  it("gives the exact outcome of every check on the new types", () => {
    const expected = expectedOutcomes();
    for (const check of CHECKS)
      assert.deepEqual(outcome(findings, check), [...(expected[check] ?? [])].sort(), check);
  });

  it("turns a denied per-resource call into an error for the checks that read it, and only those", () => {
    const expected = expectedOutcomes();
    const error = (check: string, id: string) => {
      const lines = expected[check] ?? [];
      const at = lines.findIndex((line) => line.split(" ")[1] === id);
      assert.ok(at >= 0, `${check}: ${id} not expected`);
      lines[at] = `error ${id}`;
    };
    for (const q of ["plain-queue", "kms-queue"]) {
      error("aws.sqs.encryption", sqsQueue(q));
      error("aws.sqs.no-public-policy", sqsQueue(q));
    }
    for (const t of ["plain-table", "safe-table"]) error("aws.dynamodb.point-in-time-recovery", table(t));
    for (const r of ["open-repo", "locked-repo"]) error("aws.ecr.no-public-policy", repo(r));
    // locked-repo scans on push by itself; open-repo depends on the registry rules, which were denied.
    error("aws.ecr.scan-on-push", repo("open-repo"));
    for (const f of ["leaky-fn", "clean-fn"]) error("aws.lambda.public-url", fn(f));
    for (const r of ["us-east-1", "us-west-2"])
      error("aws.guardduty.enabled", arn("guardduty", "detector", r));
    for (const s of ["orders-public", "orders-shared"])
      error("aws.rds.snapshot-not-public", arn("rds", `snapshot:${s}`));
    for (const check of CHECKS)
      assert.deepEqual(outcome(deniedFindings, check), [...(expected[check] ?? [])].sort(), check);
    for (const f of deniedFindings.filter((f) => f.status === "error"))
      assert.match(
        f.message,
        /not collected: [a-z]+:\w+ failed: AccessDenied/,
        `${f.checkId} ${f.resource.id}`,
      );
  });

  it("leaves a cluster member's cluster-level settings to the cluster", () => {
    const member = findings.filter((f) => f.resource.id === arn("rds", "db:ledger-open-1"));
    for (const check of CHECKS.filter((c) => c.startsWith("aws.rds.") && c !== "aws.rds.snapshot-not-public"))
      assert.deepEqual(
        member.filter((f) => f.checkId === check).map((f) => f.status),
        ["not_applicable"],
        check,
      );
  });

  it("fills the canonical properties the IaC mappers fill", () => {
    const props = (id: string) => resources.find((r) => r.id === id)?.properties;
    assert.deepEqual(props(arn("dynamodb", "table/plain-table")), {
      tableName: "plain-table",
      pointInTimeRecovery: false,
      deletionProtectionEnabled: false,
      sseSpecification: { enabled: false, sseType: null, kmsMasterKeyId: null },
    });
    const leaky = props(arn("lambda", "function:leaky-fn"));
    assert.equal(leaky?.runtime, "python3.8");
    assert.equal(leaky?.packageType, "Zip");
    assert.deepEqual(leaky?.functionUrl, { authType: "NONE" });
    assert.deepEqual(props(arn("sqs", "kms-queue"))?.kmsMasterKeyId, "alias/aws/sqs");
    assert.deepEqual(props(arn("rds", "snapshot:orders-shared"))?.sharedWith, ["111122223333"]);
  });

  it("reads every API it calls on moto without an error", () => {
    const errors = findings.filter((f) => f.status === "error" && NEW_TYPES.has(f.resource.type));
    assert.deepEqual(
      errors.map((f) => `${f.checkId} ${f.resource.id}: ${f.message}`),
      [],
    );
  });
});

describe("AWS live source on an endpoint without these APIs", () => {
  let server: Server;
  let findings: Finding[];

  before(async () => {
    setMotoCredentials();
    // Answers every call as a server that lacks the API does: an HTML 404 page.
    server = createServer((_request, response) => {
      response.writeHead(404, { "content-type": "text/html" });
      response.end("<html><body>Not Found</body></html>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const settings: AwsClientSettings = {
      credentials: async () => ({ accessKeyId: "testing", secretAccessKey: "testing" }),
      endpoint,
      maxAttempts: 1,
    };
    const ctx = new AwsContext(settings, A, [R]);
    const items = mergeConcurrently(
      SERVICES.map((s) => () => s.collect(ctx, R)),
      4,
    );
    ({ findings } = await evaluate(items, endpoint));
    ctx.destroy();
  });
  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it("reports every check of the new types as an error naming the call, never a pass", () => {
    const expected: Record<string, string> = {
      "aws.sqs.encryption": "sqs:ListQueues",
      "aws.sqs.no-public-policy": "sqs:ListQueues",
      "aws.dynamodb.deletion-protection": "dynamodb:ListTables",
      "aws.dynamodb.kms-encryption": "dynamodb:ListTables",
      "aws.dynamodb.point-in-time-recovery": "dynamodb:ListTables",
      "aws.ecr.immutable-tags": "ecr:DescribeRepositories",
      "aws.ecr.no-public-policy": "ecr:DescribeRepositories",
      "aws.ecr.scan-on-push": "ecr:DescribeRepositories",
      "aws.secretsmanager.rotation-enabled": "secretsmanager:ListSecrets",
      "aws.lambda.deprecated-runtime": "lambda:ListFunctions",
      "aws.lambda.public-url": "lambda:ListFunctions",
      "aws.lambda.secrets-in-env": "lambda:ListFunctions",
      "aws.guardduty.enabled": "guardduty:ListDetectors",
      "aws.rds.snapshot-not-public": "rds:DescribeDB(Cluster)?Snapshots",
    };
    for (const [check, operation] of Object.entries(expected)) {
      const mine = findings.filter((f) => f.checkId === check);
      assert.ok(mine.length > 0, `${check}: no finding`);
      for (const f of mine) {
        assert.equal(f.status, "error", `${check} on ${f.resource.id}`);
        // JSON APIs name the HTML answer NotImplemented; RDS's query protocol names it NotFound.
        assert.match(f.message, new RegExp(`${operation} failed: (NotImplemented|NotFound)`), check);
      }
    }
    for (const check of ["aws.rds.storage-encrypted", "aws.rds.deletion-protection"])
      assert.deepEqual(
        outcome(findings, check),
        [`error ${arn("rds", "cluster:*")}`, `error ${arn("rds", "db:*")}`],
        check,
      );
  });
});

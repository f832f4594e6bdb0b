// The floor of the aws-moto benchmark: the same AWS API calls `mamori cloud aws` makes, with the
// same concurrency (8 calls per service and region, 16 service-region tasks at once) and adaptive
// retry, and nothing else: no canonical resources, no checks, no report. Usage: node _aws-floor.mjs ENDPOINT REGIONS
import { AccessAnalyzerClient, ListAnalyzersCommand } from "@aws-sdk/client-accessanalyzer";
import { AccountClient, GetAlternateContactCommand } from "@aws-sdk/client-account";
import { CloudTrailClient, DescribeTrailsCommand } from "@aws-sdk/client-cloudtrail";
import { ConfigServiceClient, DescribeConfigurationRecordersCommand } from "@aws-sdk/client-config-service";
import * as EC2 from "@aws-sdk/client-ec2";
import { DescribeFileSystemsCommand, EFSClient } from "@aws-sdk/client-efs";
import * as IAM from "@aws-sdk/client-iam";
import * as KMS from "@aws-sdk/client-kms";
import { DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import * as S3 from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as AccountBlock, S3ControlClient } from "@aws-sdk/client-s3-control";
import { DescribeHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const [endpoint, regionList] = process.argv.slice(2);
const regions = regionList.split(",");
const home = "us-east-1";
let calls = 0;
const clients = new Map();
const client = (Ctor, region, extra = {}) => {
  const key = `${Ctor.name}:${region}`;
  if (!clients.has(key)) {
    const c = new Ctor({ region, endpoint, retryMode: "adaptive", maxAttempts: 6, ...extra });
    c.middlewareStack.add(
      (next) => (args) => {
        calls++;
        return next(args);
      },
      { step: "initialize" },
    );
    clients.set(key, c);
  }
  return clients.get(key);
};
const ignore = (p) => p.catch(() => undefined);
const limiters = new Map();
function limiter(key) {
  if (!limiters.has(key)) {
    let active = 0;
    const waiting = [];
    limiters.set(key, async (task) => {
      if (active >= 8) await new Promise((r) => waiting.push(r));
      active++;
      try {
        return await task();
      } finally {
        active--;
        waiting.shift()?.();
      }
    });
  }
  return limiters.get(key);
}
const each = (key, items, task) => Promise.all(items.map((item) => limiter(key)(() => task(item))));
async function pages(paginator) {
  const out = [];
  for await (const page of paginator) out.push(page);
  return out;
}

const account = client(STSClient, home);
const id = (await account.send(new GetCallerIdentityCommand({}))).Account;

const tasks = [
  async () => {
    const iam = client(IAM.IAMClient, home);
    await ignore(iam.send(new IAM.GetAccountSummaryCommand({})));
    await ignore(pages(IAM.paginateListVirtualMFADevices({ client: iam }, {})));
    await ignore(iam.send(new IAM.GenerateCredentialReportCommand({})));
    await ignore(iam.send(new IAM.GetCredentialReportCommand({})));
    const acct = client(AccountClient, home);
    for (const type of ["SECURITY", "BILLING", "OPERATIONS"])
      await ignore(acct.send(new GetAlternateContactCommand({ AlternateContactType: type })));
    for (const p of ["AWSSupportAccess", "AWSCloudShellFullAccess"])
      await ignore(
        pages(
          IAM.paginateListEntitiesForPolicy({ client: iam }, { PolicyArn: `arn:aws:iam::aws:policy/${p}` }),
        ),
      );
    for (const region of regions)
      await ignore(
        client(CloudTrailClient, region).send(new DescribeTrailsCommand({ includeShadowTrails: false })),
      );
  },
  async () => {
    const iam = client(IAM.IAMClient, home);
    const cfg = { client: iam, pageSize: 100 };
    await ignore(iam.send(new IAM.GetAccountPasswordPolicyCommand({})));
    const users = (await pages(IAM.paginateListUsers(cfg, {}))).flatMap((p) => p.Users ?? []);
    await Promise.all(
      users.map(async ({ UserName }) => {
        const [, , keys] = await Promise.all([
          limiter("iam")(() => ignore(iam.send(new IAM.GetLoginProfileCommand({ UserName })))),
          limiter("iam")(() => pages(IAM.paginateListMFADevices(cfg, { UserName }))),
          limiter("iam")(() => pages(IAM.paginateListAccessKeys(cfg, { UserName }))),
          limiter("iam")(() => pages(IAM.paginateListAttachedUserPolicies(cfg, { UserName }))),
          limiter("iam")(() => pages(IAM.paginateListUserPolicies(cfg, { UserName }))),
          limiter("iam")(() => pages(IAM.paginateListGroupsForUser(cfg, { UserName }))),
        ]);
        await each(
          "iam",
          keys.flatMap((p) => p.AccessKeyMetadata ?? []),
          (k) => iam.send(new IAM.GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKeyId })),
        );
      }),
    );
    await pages(IAM.paginateListGroups(cfg, {}));
    const roles = (await pages(IAM.paginateListRoles(cfg, {}))).flatMap((p) => p.Roles ?? []);
    await each("iam", roles, ({ RoleName }) =>
      Promise.all([
        pages(IAM.paginateListAttachedRolePolicies(cfg, { RoleName })),
        pages(IAM.paginateListRolePolicies(cfg, { RoleName })),
        pages(IAM.paginateListInstanceProfilesForRole(cfg, { RoleName })),
      ]),
    );
    const local = (await pages(IAM.paginateListPolicies(cfg, { Scope: "Local" }))).flatMap(
      (p) => p.Policies ?? [],
    );
    const aws = (await pages(IAM.paginateListPolicies(cfg, { Scope: "AWS", OnlyAttached: true }))).flatMap(
      (p) => p.Policies ?? [],
    );
    await each("iam", [...local, ...aws], (p) =>
      iam.send(new IAM.GetPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: p.DefaultVersionId })),
    );
    await pages(IAM.paginateListServerCertificates(cfg, {}));
  },
  async () => {
    const control = client(S3ControlClient, home, {
      endpointProvider: () => ({ url: new URL(endpoint) }),
      disableHostPrefix: true,
    });
    await ignore(control.send(new AccountBlock({ AccountId: id })));
    const s3 = client(S3.S3Client, home, { forcePathStyle: true });
    const buckets = (await pages(S3.paginateListBuckets({ client: s3 }, {}))).flatMap((p) => p.Buckets ?? []);
    const gets = [
      S3.GetBucketPolicyCommand,
      S3.GetBucketAclCommand,
      S3.GetPublicAccessBlockCommand,
      S3.GetBucketEncryptionCommand,
      S3.GetBucketVersioningCommand,
      S3.GetBucketLoggingCommand,
      S3.GetBucketOwnershipControlsCommand,
      S3.GetBucketTaggingCommand,
    ];
    await Promise.all(
      buckets.map(async ({ Name: Bucket }) => {
        await limiter("s3")(() => s3.send(new S3.GetBucketLocationCommand({ Bucket })));
        await Promise.all(
          gets.map((Command) => limiter("s3")(() => ignore(s3.send(new Command({ Bucket }))))),
        );
      }),
    );
  },
  ...regions.flatMap((region) => [
    async () => {
      const ec2 = client(EC2.EC2Client, region);
      const cfg = { client: ec2, pageSize: 1000 };
      await pages(EC2.paginateDescribeSecurityGroups(cfg, {}));
      await pages(EC2.paginateDescribeNetworkAcls(cfg, {}));
      await pages(EC2.paginateDescribeFlowLogs(cfg, {}));
      await pages(EC2.paginateDescribeVpcs(cfg, {}));
      await pages(EC2.paginateDescribeInstances(cfg, {}));
      await pages(EC2.paginateDescribeVolumes(cfg, {}));
    },
    async () => {
      const ec2 = client(EC2.EC2Client, region);
      await Promise.all([
        ignore(ec2.send(new EC2.GetEbsEncryptionByDefaultCommand({}))),
        ignore(ec2.send(new EC2.GetEbsDefaultKmsKeyIdCommand({}))),
        ignore(ec2.send(new EC2.GetInstanceMetadataDefaultsCommand({}))),
        ignore(client(AccessAnalyzerClient, region).send(new ListAnalyzersCommand({}))),
        ignore(client(ConfigServiceClient, region).send(new DescribeConfigurationRecordersCommand({}))),
        ignore(client(SecurityHubClient, region).send(new DescribeHubCommand({}))),
      ]);
    },
    async () => {
      const kms = client(KMS.KMSClient, region);
      const keys = (await pages(KMS.paginateListKeys({ client: kms, pageSize: 1000 }, {}))).flatMap(
        (p) => p.Keys ?? [],
      );
      await pages(KMS.paginateListAliases({ client: kms }, {}));
      await each(`kms:${region}`, keys, async ({ KeyId }) => {
        await kms.send(new KMS.DescribeKeyCommand({ KeyId }));
        await Promise.all([
          kms.send(new KMS.GetKeyRotationStatusCommand({ KeyId })),
          kms.send(new KMS.GetKeyPolicyCommand({ KeyId, PolicyName: "default" })),
        ]);
      });
    },
    () => client(RDSClient, region).send(new DescribeDBInstancesCommand({})),
    () => client(EFSClient, region).send(new DescribeFileSystemsCommand({})),
  ]),
];

let next = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (next < tasks.length) await tasks[next++]();
  }),
);
for (const c of clients.values()) c.destroy();
process.stderr.write(`floor: ${calls} API calls\n`);

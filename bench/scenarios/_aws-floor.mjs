// The floor of the aws-moto benchmark: exactly the AWS API calls the service modules of
// src/sources/aws/services/ make, in the same order and with the same concurrency (one task per
// service and region, 16 tasks at once; 8 calls in flight per service and region through the same
// limiter keys; S3 buckets 32 at once), the same client settings (adaptive retry, 6 attempts, 30 s
// request timeout) and the same "skip what depends on a failed call" rules, and nothing else: no
// canonical resources, no checks, no report. Keep it in step with the modules: the bench compares
// both sides' call counts. Usage: node _aws-floor.mjs ENDPOINT REGIONS
import * as AccessAnalyzer from "@aws-sdk/client-accessanalyzer";
import { AccountClient, GetAlternateContactCommand } from "@aws-sdk/client-account";
import * as ApiGateway from "@aws-sdk/client-api-gateway";
import * as ApiGatewayV2 from "@aws-sdk/client-apigatewayv2";
import * as CloudFront from "@aws-sdk/client-cloudfront";
import * as CloudTrail from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, DescribeAlarmsForMetricCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, paginateDescribeMetricFilters } from "@aws-sdk/client-cloudwatch-logs";
import * as Config from "@aws-sdk/client-config-service";
import * as DynamoDB from "@aws-sdk/client-dynamodb";
import * as EC2 from "@aws-sdk/client-ec2";
import * as ECR from "@aws-sdk/client-ecr";
import { EFSClient, paginateDescribeFileSystems } from "@aws-sdk/client-efs";
import * as EKS from "@aws-sdk/client-eks";
import * as ELB from "@aws-sdk/client-elastic-load-balancing-v2";
import { ElastiCacheClient, paginateDescribeReplicationGroups } from "@aws-sdk/client-elasticache";
import * as GuardDuty from "@aws-sdk/client-guardduty";
import * as IAM from "@aws-sdk/client-iam";
import * as KMS from "@aws-sdk/client-kms";
import * as Lambda from "@aws-sdk/client-lambda";
import { GetMacieSessionCommand, Macie2Client } from "@aws-sdk/client-macie2";
import * as OpenSearch from "@aws-sdk/client-opensearch";
import * as Org from "@aws-sdk/client-organizations";
import * as RDS from "@aws-sdk/client-rds";
import * as S3 from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as AccountBlock, S3ControlClient } from "@aws-sdk/client-s3-control";
import { paginateListSecrets, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { DescribeHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import * as SNS from "@aws-sdk/client-sns";
import * as SQS from "@aws-sdk/client-sqs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const [endpoint, regionList] = process.argv.slice(2);
const regions = regionList.split(",");
const home = "us-east-1";
const CONCURRENCY = 8;

// Clients: one per class, region and extra settings, each counting the calls sent through it.
let calls = 0;
const clients = new Map();
const client = (Ctor, region, extra = {}) => {
  const key = `${Ctor.name}:${region}:${JSON.stringify(extra)}`;
  if (!clients.has(key)) {
    const c = new Ctor({
      region,
      endpoint,
      retryMode: "adaptive",
      maxAttempts: 6,
      requestHandler: { requestTimeout: 30_000, connectionTimeout: 10_000 },
      ...extra,
    });
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

// Limiters: 8 calls in flight per key ("service:region"), first come first served.
const limiters = new Map();
function limiter(service, region) {
  const key = `${service}:${region}`;
  if (!limiters.has(key)) {
    let active = 0;
    const waiting = [];
    limiters.set(key, async (task) => {
      if (active >= CONCURRENCY) await new Promise((r) => waiting.push(r));
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
const each = (run, items, task) => Promise.all(items.map((item) => run(() => task(item))));
/** At most `size` tasks at once, in order (the modules' mergeConcurrently). */
async function pool(size, tasks) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, tasks.length) }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}
async function all(pages, pick) {
  const out = [];
  for await (const page of pages) out.push(...(pick(page) ?? []));
  return out;
}
/** A call whose failure the module records as an error marker and goes on. */
const attempt = (task) => task().catch(() => undefined);
const code = (error) => error?.Code ?? error?.name;
const chunks = (items, size) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

// The account id, as the scan's own uncounted STS call.
const sts = new STSClient({ region: home, endpoint });
const accountId = (await sts.send(new GetCallerIdentityCommand({}))).Account;
sts.destroy();

// --- account.ts (+ organizations.ts) -------------------------------------------------------------
async function account() {
  const iam = client(IAM.IAMClient, home);
  const rootUser = attempt(async () => {
    await iam.send(new IAM.GetAccountSummaryCommand({}));
    await all(
      IAM.paginateListVirtualMFADevices({ client: iam }, { AssignmentStatus: "Assigned" }),
      (p) => p.VirtualMFADevices,
    );
    await attempt(async () => {
      for (let n = 0; n < 20; n++) {
        const state = await iam.send(new IAM.GenerateCredentialReportCommand({}));
        if (state.State === "COMPLETE") break;
        await new Promise((resolve) => setTimeout(resolve, 250 * (n + 1)));
      }
      await iam.send(new IAM.GetCredentialReportCommand({}));
    });
  });
  const acct = client(AccountClient, home);
  const contacts = Promise.all(
    ["SECURITY", "BILLING", "OPERATIONS"].map((type) =>
      attempt(() => acct.send(new GetAlternateContactCommand({ AlternateContactType: type }))),
    ),
  );
  const federation = Promise.all([
    attempt(() => iam.send(new IAM.ListSAMLProvidersCommand({}))),
    attempt(() => iam.send(new IAM.ListOpenIDConnectProvidersCommand({}))),
  ]);
  const org = organization();
  const entities = attempt(async () => {
    for (const name of ["AWSSupportAccess", "AWSCloudShellFullAccess"]) {
      const PolicyArn = `arn:aws:iam::aws:policy/${name}`;
      try {
        await all(IAM.paginateListEntitiesForPolicy({ client: iam }, { PolicyArn }), (p) => p.PolicyUsers);
      } catch (error) {
        if (code(error) !== "NoSuchEntity" && code(error) !== "NoSuchEntityException") throw error;
      }
    }
  });
  const trails = (async () => {
    try {
      const perRegion = await Promise.all(
        regions.map(async (region) => {
          const ct = client(CloudTrail.CloudTrailClient, region);
          const list =
            (await ct.send(new CloudTrail.DescribeTrailsCommand({ includeShadowTrails: false }))).trailList ??
            [];
          await each(limiter("cloudtrail", region), list, (trail) => {
            const Name = trail.TrailARN ?? trail.Name;
            return Promise.all([
              attempt(() => ct.send(new CloudTrail.GetTrailStatusCommand({ Name }))),
              attempt(() => ct.send(new CloudTrail.GetEventSelectorsCommand({ TrailName: Name }))),
              trail.S3BucketName
                ? attempt(() =>
                    client(S3.S3Client, home, { forcePathStyle: true, followRegionRedirects: true }).send(
                      new S3.GetBucketLoggingCommand({ Bucket: trail.S3BucketName }),
                    ),
                  )
                : undefined,
            ]);
          });
          return list;
        }),
      );
      return perRegion.flat();
    } catch {
      return undefined;
    }
  })();
  const [, , , , , found] = await Promise.all([rootUser, contacts, federation, org, entities, trails]);
  if (found) await Promise.all(found.map((t) => attempt(() => metricFilters(t.CloudWatchLogsLogGroupArn))));
}

async function organization() {
  const org = client(Org.OrganizationsClient, home);
  let described;
  try {
    described = (await org.send(new Org.DescribeOrganizationCommand({}))).Organization;
  } catch {
    return;
  }
  if (!described || described.MasterAccountId !== accountId) return;
  const cfg = { client: org };
  const walk = async (parentId) => {
    await all(Org.paginateListAccountsForParent(cfg, { ParentId: parentId }), (p) => p.Accounts);
    const units = await all(
      Org.paginateListOrganizationalUnitsForParent(cfg, { ParentId: parentId }),
      (p) => p.OrganizationalUnits,
    );
    for (const unit of units) if (unit.Id) await walk(unit.Id);
  };
  await Promise.all([
    attempt(() => client(IAM.IAMClient, home).send(new IAM.ListOrganizationsFeaturesCommand({}))),
    attempt(async () => {
      for (const root of await all(Org.paginateListRoots(cfg, {}), (p) => p.Roots))
        if (root.Id) await walk(root.Id);
    }),
    attempt(async () => {
      for (const Filter of ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"])
        for (const policy of await all(Org.paginateListPolicies(cfg, { Filter }), (p) => p.Policies))
          await all(Org.paginateListTargetsForPolicy(cfg, { PolicyId: policy.Id }), (p) => p.Targets);
    }),
    attempt(() => org.send(new Org.DescribeResourcePolicyCommand({}))),
    attempt(() =>
      all(Org.paginateListAWSServiceAccessForOrganization(cfg, {}), (p) => p.EnabledServicePrincipals),
    ),
    attempt(async () => {
      const admins = await all(
        Org.paginateListDelegatedAdministrators(cfg, {}),
        (p) => p.DelegatedAdministrators,
      );
      await each(limiter("organizations", home), admins, (admin) =>
        all(
          Org.paginateListDelegatedServicesForAccount(cfg, { AccountId: admin.Id }),
          (p) => p.DelegatedServices,
        ),
      );
    }),
  ]);
}

/** The CIS monitoring chain of one trail's log group: filters, alarms, subscribed topics. */
async function metricFilters(logGroupArn) {
  const match = /^arn:[^:]+:logs:([^:]+):[^:]*:log-group:(.+?)(:\*)?$/.exec(logGroupArn ?? "");
  if (!match) return;
  const [, region, logGroupName] = match;
  const cloudwatch = client(CloudWatchClient, region);
  const sns = client(SNS.SNSClient, region);
  const run = limiter("monitoring", region);
  const filters = await all(
    paginateDescribeMetricFilters({ client: client(CloudWatchLogsClient, region) }, { logGroupName }),
    (p) => p.metricFilters,
  );
  const subscribed = new Map();
  const hasSubscriber = (TopicArn) => {
    if (!subscribed.has(TopicArn))
      subscribed.set(
        TopicArn,
        run(async () => {
          try {
            await all(
              SNS.paginateListSubscriptionsByTopic({ client: sns }, { TopicArn }),
              (p) => p.Subscriptions,
            );
          } catch (error) {
            if (code(error) !== "NotFound" && code(error) !== "NotFoundException") throw error;
          }
        }),
      );
    return subscribed.get(TopicArn);
  };
  await Promise.all(
    filters.map(async (filter) => {
      const t = filter.metricTransformations?.[0];
      const alarms = t
        ? ((
            await run(() =>
              cloudwatch.send(
                new DescribeAlarmsForMetricCommand({
                  MetricName: t.metricName,
                  Namespace: t.metricNamespace,
                }),
              ),
            )
          ).MetricAlarms ?? [])
        : [];
      await Promise.all(
        alarms.map(async (alarm) => {
          for (const topic of (alarm.AlarmActions ?? []).filter((a) => a.includes(":sns:")))
            await hasSubscriber(topic);
        }),
      );
    }),
  );
}

// --- iam.ts ---------------------------------------------------------------------------------------
async function iam() {
  const iam = client(IAM.IAMClient, home);
  const run = limiter("iam", home);
  const cfg = { client: iam, pageSize: 100 };
  await attempt(() => iam.send(new IAM.GetAccountPasswordPolicyCommand({})));
  await attempt(async () => {
    const users = await all(IAM.paginateListUsers(cfg, {}), (p) => p.Users);
    await Promise.all(
      users.map(async ({ UserName }) => {
        const [, , keys, , names] = await Promise.all([
          run(() => attempt(() => iam.send(new IAM.GetLoginProfileCommand({ UserName })))),
          run(() => attempt(() => all(IAM.paginateListMFADevices(cfg, { UserName }), (p) => p.MFADevices))),
          run(() =>
            attempt(() => all(IAM.paginateListAccessKeys(cfg, { UserName }), (p) => p.AccessKeyMetadata)),
          ),
          run(() =>
            attempt(() =>
              all(IAM.paginateListAttachedUserPolicies(cfg, { UserName }), (p) => p.AttachedPolicies),
            ),
          ),
          run(() =>
            attempt(() => all(IAM.paginateListUserPolicies(cfg, { UserName }), (p) => p.PolicyNames)),
          ),
          run(() => attempt(() => all(IAM.paginateListGroupsForUser(cfg, { UserName }), (p) => p.Groups))),
        ]);
        if (keys)
          await each(run, keys, (k) =>
            attempt(() => iam.send(new IAM.GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKeyId }))),
          );
        if (names)
          await attempt(() =>
            each(run, names, (PolicyName) =>
              iam.send(new IAM.GetUserPolicyCommand({ UserName, PolicyName })),
            ),
          );
      }),
    );
  });
  await attempt(async () => {
    for (const { GroupName } of await all(IAM.paginateListGroups(cfg, {}), (p) => p.Groups)) {
      const [, names] = await Promise.all([
        attempt(() =>
          all(IAM.paginateListAttachedGroupPolicies(cfg, { GroupName }), (p) => p.AttachedPolicies),
        ),
        attempt(() => all(IAM.paginateListGroupPolicies(cfg, { GroupName }), (p) => p.PolicyNames)),
      ]);
      if (names)
        await attempt(() =>
          each(run, names, (PolicyName) =>
            iam.send(new IAM.GetGroupPolicyCommand({ GroupName, PolicyName })),
          ),
        );
    }
  });
  await attempt(async () => {
    const roles = await all(IAM.paginateListRoles(cfg, {}), (p) => p.Roles);
    await each(run, roles, async ({ RoleName }) => {
      const [, names] = await Promise.all([
        attempt(() =>
          all(IAM.paginateListAttachedRolePolicies(cfg, { RoleName }), (p) => p.AttachedPolicies),
        ),
        attempt(() => all(IAM.paginateListRolePolicies(cfg, { RoleName }), (p) => p.PolicyNames)),
        attempt(() =>
          all(IAM.paginateListInstanceProfilesForRole(cfg, { RoleName }), (p) => p.InstanceProfiles),
        ),
      ]);
      if (names)
        await attempt(async () => {
          for (const PolicyName of names)
            await iam.send(new IAM.GetRolePolicyCommand({ RoleName, PolicyName }));
        });
    });
  });
  await attempt(async () => {
    const local = await all(IAM.paginateListPolicies(cfg, { Scope: "Local" }), (p) => p.Policies);
    const aws = await all(
      IAM.paginateListPolicies(cfg, { Scope: "AWS", OnlyAttached: true }),
      (p) => p.Policies,
    );
    await each(run, [...local, ...aws], (p) =>
      attempt(() =>
        iam.send(new IAM.GetPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: p.DefaultVersionId })),
      ),
    );
  });
  await attempt(() =>
    all(IAM.paginateListServerCertificates(cfg, {}), (p) => p.ServerCertificateMetadataList),
  );
}

// --- s3.ts ----------------------------------------------------------------------------------------
async function s3() {
  const control = client(S3ControlClient, home, {
    endpointProvider: () => ({ url: new URL(endpoint) }),
    disableHostPrefix: true,
  });
  await attempt(() => control.send(new AccountBlock({ AccountId: accountId })));
  const listing = client(S3.S3Client, home, { forcePathStyle: true });
  let buckets;
  try {
    buckets = await all(S3.paginateListBuckets({ client: listing }, {}), (p) => p.Buckets);
  } catch {
    return;
  }
  const run = limiter("s3", home);
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
  await pool(
    CONCURRENCY * 4,
    buckets.map(({ Name: Bucket }) => async () => {
      const location = await run(() =>
        attempt(
          async () =>
            (await listing.send(new S3.GetBucketLocationCommand({ Bucket }))).LocationConstraint || home,
        ),
      );
      const regional = client(S3.S3Client, location ?? home, { forcePathStyle: true });
      await Promise.all(
        gets.map((Command) => run(() => attempt(() => regional.send(new Command({ Bucket }))))),
      );
    }),
  );
}

// --- ec2.ts ---------------------------------------------------------------------------------------
async function ec2(region) {
  const ec2 = client(EC2.EC2Client, region);
  const cfg = { client: ec2, pageSize: 1000 };
  const list = (paginator) => attempt(() => all(paginator, () => []));
  await list(EC2.paginateDescribeSecurityGroups(cfg, {}));
  await list(EC2.paginateDescribeNetworkAcls(cfg, {}));
  await list(EC2.paginateDescribeFlowLogs(cfg, {}));
  await list(EC2.paginateDescribeVpcEndpoints(cfg, {}));
  await list(EC2.paginateDescribeVpcs(cfg, {}));
  await list(EC2.paginateDescribeVpcPeeringConnections(cfg, {}));
  await list(EC2.paginateDescribeRouteTables(cfg, {}));
  await list(EC2.paginateDescribeSubnets(cfg, {}));
  await list(EC2.paginateDescribeInternetGateways(cfg, {}));
  await list(EC2.paginateDescribeInstances(cfg, {}));
  await list(EC2.paginateDescribeVolumes(cfg, {}));
  const snapshots = await attempt(() =>
    all(EC2.paginateDescribeSnapshots(cfg, { OwnerIds: ["self"] }), (p) => p.Snapshots),
  );
  const own = (snapshots ?? []).filter((s) => s.OwnerId === undefined || s.OwnerId === accountId);
  await each(limiter("ec2", region), own, ({ SnapshotId }) =>
    attempt(() =>
      ec2.send(new EC2.DescribeSnapshotAttributeCommand({ SnapshotId, Attribute: "createVolumePermission" })),
    ),
  );
}

// --- region.ts ------------------------------------------------------------------------------------
async function regionSettings(region) {
  const ec2 = client(EC2.EC2Client, region);
  const run = limiter("region", region);
  const read = (task) => run(() => attempt(task));
  await Promise.all([
    read(() => ec2.send(new EC2.GetEbsEncryptionByDefaultCommand({}))),
    read(() => ec2.send(new EC2.GetEbsDefaultKmsKeyIdCommand({}))),
    read(() => ec2.send(new EC2.GetInstanceMetadataDefaultsCommand({}))),
    read(() =>
      all(
        AccessAnalyzer.paginateListAnalyzers(
          { client: client(AccessAnalyzer.AccessAnalyzerClient, region) },
          {},
        ),
        (p) => p.analyzers,
      ),
    ),
    read(async () => {
      const config = client(Config.ConfigServiceClient, region);
      const recorders =
        (await config.send(new Config.DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ??
        [];
      if (recorders.length > 0) await config.send(new Config.DescribeConfigurationRecorderStatusCommand({}));
    }),
    read(() => client(SecurityHubClient, region).send(new DescribeHubCommand({}))),
    read(() => client(Macie2Client, region).send(new GetMacieSessionCommand({}))),
  ]);
}

// --- kms.ts ---------------------------------------------------------------------------------------
async function kms(region) {
  const kms = client(KMS.KMSClient, region);
  let keys;
  try {
    keys = await all(KMS.paginateListKeys({ client: kms, pageSize: 1000 }, {}), (p) => p.Keys);
  } catch {
    return;
  }
  await attempt(() => all(KMS.paginateListAliases({ client: kms }, {}), (p) => p.Aliases));
  await each(limiter("kms", region), keys, async ({ KeyId }) => {
    const meta = await attempt(
      async () => (await kms.send(new KMS.DescribeKeyCommand({ KeyId }))).KeyMetadata,
    );
    const symmetricCustomer =
      meta?.KeyManager === "CUSTOMER" && (meta.KeySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT";
    await Promise.all([
      symmetricCustomer || meta?.KeyManager === "AWS"
        ? attempt(() => kms.send(new KMS.GetKeyRotationStatusCommand({ KeyId })))
        : undefined,
      attempt(() => kms.send(new KMS.GetKeyPolicyCommand({ KeyId, PolicyName: "default" }))),
    ]);
  });
}

// --- rds.ts ---------------------------------------------------------------------------------------
async function rds(region) {
  const rds = client(RDS.RDSClient, region);
  const cfg = { client: rds, pageSize: 100 };
  await attempt(() => all(RDS.paginateDescribeDBInstances(cfg, {}), (p) => p.DBInstances));
  await attempt(() => all(RDS.paginateDescribeDBClusters(cfg, {}), (p) => p.DBClusters));
  const instance =
    (await attempt(() => all(RDS.paginateDescribeDBSnapshots(cfg, {}), (p) => p.DBSnapshots))) ?? [];
  const cluster =
    (await attempt(() =>
      all(RDS.paginateDescribeDBClusterSnapshots(cfg, {}), (p) => p.DBClusterSnapshots),
    )) ?? [];
  const shareable = [
    ...instance.map((s) => ({ kind: "instance", s })),
    ...cluster.map((s) => ({ kind: "cluster", s })),
  ].filter(({ s }) => s.SnapshotType !== "automated");
  await each(limiter("rds", region), shareable, ({ kind, s }) =>
    attempt(() =>
      rds.send(
        kind === "cluster"
          ? new RDS.DescribeDBClusterSnapshotAttributesCommand({
              DBClusterSnapshotIdentifier: s.DBClusterSnapshotIdentifier,
            })
          : new RDS.DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: s.DBSnapshotIdentifier }),
      ),
    ),
  );
}

// --- efs.ts, elasticache.ts, secretsmanager.ts: one listing each ---------------------------------
const efs = (region) =>
  attempt(() =>
    all(paginateDescribeFileSystems({ client: client(EFSClient, region) }, {}), (p) => p.FileSystems),
  );
const elasticache = (region) =>
  attempt(() =>
    all(
      paginateDescribeReplicationGroups({ client: client(ElastiCacheClient, region), pageSize: 100 }, {}),
      (p) => p.ReplicationGroups,
    ),
  );
const secretsmanager = (region) =>
  attempt(() =>
    all(
      paginateListSecrets({ client: client(SecretsManagerClient, region), pageSize: 100 }, {}),
      (p) => p.SecretList,
    ),
  );

// --- elbv2.ts -------------------------------------------------------------------------------------
async function elbv2(region) {
  const elb = client(ELB.ElasticLoadBalancingV2Client, region);
  let balancers;
  try {
    balancers = await all(
      ELB.paginateDescribeLoadBalancers({ client: elb, pageSize: 400 }, {}),
      (p) => p.LoadBalancers,
    );
  } catch {
    return;
  }
  const run = limiter("elbv2", region);
  const arns = balancers.map((lb) => lb.LoadBalancerArn);
  await each(run, chunks(arns, 20), (ResourceArns) =>
    attempt(() => elb.send(new ELB.DescribeTagsCommand({ ResourceArns }))),
  );
  await Promise.all(
    arns.map((LoadBalancerArn) =>
      Promise.all([
        run(() =>
          attempt(() => elb.send(new ELB.DescribeLoadBalancerAttributesCommand({ LoadBalancerArn }))),
        ),
        run(() =>
          attempt(() =>
            all(
              ELB.paginateDescribeListeners({ client: elb, pageSize: 400 }, { LoadBalancerArn }),
              (p) => p.Listeners,
            ),
          ),
        ),
      ]),
    ),
  );
}

// --- cloudfront.ts (global) -----------------------------------------------------------------------
async function cloudfront() {
  const cf = client(CloudFront.CloudFrontClient, home);
  let summaries;
  try {
    summaries = await all(
      CloudFront.paginateListDistributions({ client: cf, pageSize: 100 }, {}),
      (p) => p.DistributionList?.Items,
    );
  } catch {
    return;
  }
  const run = limiter("cloudfront", home);
  await Promise.all(
    summaries.map((d) =>
      Promise.all([
        run(() => attempt(() => cf.send(new CloudFront.GetDistributionConfigCommand({ Id: d.Id })))),
        run(() => attempt(() => cf.send(new CloudFront.ListTagsForResourceCommand({ Resource: d.ARN })))),
      ]),
    ),
  );
}

// --- apigateway.ts --------------------------------------------------------------------------------
async function apigateway(region) {
  const rest = client(ApiGateway.APIGatewayClient, region);
  const run = limiter("apigateway", region);
  const apis = await attempt(() =>
    all(ApiGateway.paginateGetRestApis({ client: rest, pageSize: 500 }, {}), (p) => p.items),
  );
  if (apis)
    await Promise.all(
      apis.map((api) =>
        Promise.all([
          run(() => attempt(() => rest.send(new ApiGateway.GetStagesCommand({ restApiId: api.id })))),
          run(() =>
            attempt(() =>
              all(
                ApiGateway.paginateGetResources(
                  { client: rest, pageSize: 500 },
                  { restApiId: api.id, embed: ["methods"] },
                ),
                (p) => p.items,
              ),
            ),
          ),
        ]),
      ),
    );
  const v2 = client(ApiGatewayV2.ApiGatewayV2Client, region);
  const pages = async (request) => {
    const out = [];
    let token;
    do {
      const page = await v2.send(request(token));
      out.push(...(page.Items ?? []));
      token = page.NextToken;
    } while (token);
    return out;
  };
  const httpApis = await attempt(() =>
    pages((NextToken) => new ApiGatewayV2.GetApisCommand({ MaxResults: "500", NextToken })),
  );
  if (httpApis)
    await each(run, httpApis, (api) =>
      attempt(() =>
        pages(
          (NextToken) =>
            new ApiGatewayV2.GetStagesCommand({ ApiId: api.ApiId, MaxResults: "500", NextToken }),
        ),
      ),
    );
}

// --- eks.ts, opensearch.ts ------------------------------------------------------------------------
async function eks(region) {
  const eks = client(EKS.EKSClient, region);
  const names = await attempt(() =>
    all(EKS.paginateListClusters({ client: eks, pageSize: 100 }, {}), (p) => p.clusters),
  );
  if (names)
    await each(limiter("eks", region), names, (name) =>
      attempt(() => eks.send(new EKS.DescribeClusterCommand({ name }))),
    );
}

async function opensearch(region) {
  const os = client(OpenSearch.OpenSearchClient, region);
  const out = await attempt(() => os.send(new OpenSearch.ListDomainNamesCommand({})));
  if (!out) return;
  const names = (out.DomainNames ?? []).flatMap((d) => (d.DomainName ? [d.DomainName] : []));
  await each(limiter("opensearch", region), chunks(names, 5), (DomainNames) =>
    attempt(() => os.send(new OpenSearch.DescribeDomainsCommand({ DomainNames }))),
  );
}

// --- sqs.ts, dynamodb.ts, ecr.ts, lambda.ts, guardduty.ts, sns.ts --------------------------------
async function sqs(region) {
  const sqs = client(SQS.SQSClient, region);
  const urls = await attempt(() =>
    all(SQS.paginateListQueues({ client: sqs, pageSize: 1000 }, {}), (p) => p.QueueUrls),
  );
  if (urls)
    await each(limiter("sqs", region), urls, (QueueUrl) =>
      attempt(() =>
        sqs.send(
          new SQS.GetQueueAttributesCommand({
            QueueUrl,
            AttributeNames: ["QueueArn", "KmsMasterKeyId", "SqsManagedSseEnabled", "Policy"],
          }),
        ),
      ),
    );
}

async function dynamodb(region) {
  const db = client(DynamoDB.DynamoDBClient, region);
  const names = await attempt(() =>
    all(DynamoDB.paginateListTables({ client: db, pageSize: 100 }, {}), (p) => p.TableNames),
  );
  if (names)
    await each(limiter("dynamodb", region), names, (TableName) =>
      Promise.all([
        attempt(() => db.send(new DynamoDB.DescribeTableCommand({ TableName }))),
        attempt(() => db.send(new DynamoDB.DescribeContinuousBackupsCommand({ TableName }))),
      ]),
    );
}

async function ecr(region) {
  const ecr = client(ECR.ECRClient, region);
  const repos = await attempt(() =>
    all(ECR.paginateDescribeRepositories({ client: ecr, pageSize: 1000 }, {}), (p) => p.repositories),
  );
  if (!repos) return;
  if (repos.length > 0) await attempt(() => ecr.send(new ECR.GetRegistryScanningConfigurationCommand({})));
  await each(limiter("ecr", region), repos, (repo) =>
    attempt(() => ecr.send(new ECR.GetRepositoryPolicyCommand({ repositoryName: repo.repositoryName }))),
  );
}

async function lambda(region) {
  const fn = client(Lambda.LambdaClient, region);
  const functions = await attempt(() =>
    all(Lambda.paginateListFunctions({ client: fn, pageSize: 50 }, {}), (p) => p.Functions),
  );
  if (functions)
    await each(limiter("lambda", region), functions, async (f) => {
      await attempt(() => fn.send(new Lambda.GetFunctionUrlConfigCommand({ FunctionName: f.FunctionName })));
      await attempt(() => fn.send(new Lambda.GetPolicyCommand({ FunctionName: f.FunctionName })));
    });
}

async function guardduty(region) {
  const gd = client(GuardDuty.GuardDutyClient, region);
  const ids = await attempt(() =>
    all(GuardDuty.paginateListDetectors({ client: gd }, {}), (p) => p.DetectorIds),
  );
  if (ids?.[0] !== undefined)
    await attempt(() => gd.send(new GuardDuty.GetDetectorCommand({ DetectorId: ids[0] })));
}

async function sns(region) {
  const sns = client(SNS.SNSClient, region);
  const topics = await attempt(() => all(SNS.paginateListTopics({ client: sns }, {}), (p) => p.Topics));
  if (!topics) return;
  const arns = topics.flatMap((t) => (t.TopicArn ? [t.TopicArn] : []));
  if (arns.length > 0)
    await attempt(() => all(SNS.paginateListSubscriptions({ client: sns }, {}), (p) => p.Subscriptions));
  await each(limiter("sns", region), arns, (TopicArn) =>
    attempt(() => sns.send(new SNS.GetTopicAttributesCommand({ TopicArn }))),
  );
}

// The modules in the order of src/sources/aws/services/index.ts: global ones once, regional ones per region.
const SERVICES = [
  ["global", account],
  ["global", iam],
  ["global", s3],
  ["regional", ec2],
  ["regional", regionSettings],
  ["regional", kms],
  ["regional", rds],
  ["regional", efs],
  ["regional", elbv2],
  ["global", cloudfront],
  ["regional", apigateway],
  ["regional", eks],
  ["regional", elasticache],
  ["regional", opensearch],
  ["regional", sqs],
  ["regional", dynamodb],
  ["regional", ecr],
  ["regional", secretsmanager],
  ["regional", lambda],
  ["regional", guardduty],
  ["regional", sns],
];
const tasks = SERVICES.flatMap(([scope, collect]) =>
  scope === "global" ? [() => collect(home)] : regions.map((region) => () => collect(region)),
);
await pool(
  Math.max(4, CONCURRENCY * 2),
  tasks.map((task) => () => attempt(task)),
);
for (const c of clients.values()) c.destroy();
process.stderr.write(`floor: ${calls} API calls\n`);

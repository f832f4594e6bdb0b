/**
 * Builds AWS accounts in moto through the real AWS SDK: one deliberately
 * misconfigured, one hardened against CIS AWS Foundations v7.0.0. Each builder
 * expects its own moto server (one account per server).
 */
import { AccountClient, PutAlternateContactCommand } from "@aws-sdk/client-account";
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutMetricFilterCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  ConfigServiceClient,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from "@aws-sdk/client-config-service";
import {
  AcceptVpcPeeringConnectionCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateRouteCommand,
  CreateSecurityGroupCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  CreateVpcPeeringConnectionCommand,
  DescribeImagesCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  ReplaceNetworkAclEntryCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
} from "@aws-sdk/client-ec2";
import { CreateFileSystemCommand, EFSClient } from "@aws-sdk/client-efs";
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from "@aws-sdk/client-kms";
import { DisableMacieCommand, EnableMacieCommand, Macie2Client } from "@aws-sdk/client-macie2";
import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand as CreateOrganizationsPolicyCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from "@aws-sdk/client-organizations";
import { CreateDBInstanceCommand, RDSClient } from "@aws-sdk/client-rds";
import {
  CreateBucketCommand,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import {
  PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand,
  S3ControlClient,
} from "@aws-sdk/client-s3-control";
import { EnableSecurityHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CIS_MONITORING_PATTERNS } from "./patterns.js";

export const MOTO_ACCOUNT = "123456789012";
export const REGIONS = ["us-east-1", "eu-west-1"] as const;

const clients = (endpoint: string, region: string) => {
  const config = { region, endpoint };
  return {
    s3: new S3Client({ ...config, forcePathStyle: true }),
    s3control: new S3ControlClient({
      ...config,
      endpointProvider: () => ({ url: new URL(endpoint) }),
      disableHostPrefix: true,
    }),
    iam: new IAMClient(config),
    ec2: new EC2Client(config),
    trail: new CloudTrailClient(config),
    logs: new CloudWatchLogsClient(config),
    cloudwatch: new CloudWatchClient(config),
    sns: new SNSClient(config),
    config: new ConfigServiceClient(config),
    kms: new KMSClient(config),
    rds: new RDSClient(config),
    efs: new EFSClient(config),
    securityhub: new SecurityHubClient(config),
    account: new AccountClient(config),
    macie: new Macie2Client(config),
    organizations: new OrganizationsClient(config),
  };
};

async function imageId(ec2: EC2Client): Promise<string> {
  const images = await ec2.send(new DescribeImagesCommand({}));
  const id = images.Images?.[0]?.ImageId;
  if (!id) throw new Error("moto has no AMI to launch");
  return id;
}

async function defaultVpc(ec2: EC2Client): Promise<string> {
  const vpcs = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }),
  );
  const id = vpcs.Vpcs?.[0]?.VpcId;
  if (!id) throw new Error("moto has no default VPC");
  return id;
}

async function mainRouteTable(ec2: EC2Client, vpc: string): Promise<string> {
  const tables = await ec2.send(
    new DescribeRouteTablesCommand({
      Filters: [
        { Name: "vpc-id", Values: [vpc] },
        { Name: "association.main", Values: ["true"] },
      ],
    }),
  );
  const id = tables.RouteTables?.[0]?.RouteTableId;
  if (!id) throw new Error(`moto has no main route table for ${vpc}`);
  return id;
}

/**
 * A second VPC (10.1.0.0/16) peered with the default one (172.31.0.0/16), and
 * one route each way through the peering connection (CIS 6.6).
 */
async function peerWithDefaultVpc(
  ec2: EC2Client,
  routes: { toPeer: string; fromPeer: string },
): Promise<string> {
  const home = await defaultVpc(ec2);
  const peer = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" }))).Vpc?.VpcId as string;
  const pcx = (await ec2.send(new CreateVpcPeeringConnectionCommand({ VpcId: home, PeerVpcId: peer })))
    .VpcPeeringConnection?.VpcPeeringConnectionId;
  await ec2.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
  await ec2.send(
    new CreateRouteCommand({
      RouteTableId: await mainRouteTable(ec2, home),
      DestinationCidrBlock: routes.toPeer,
      VpcPeeringConnectionId: pcx,
    }),
  );
  await ec2.send(
    new CreateRouteCommand({
      RouteTableId: await mainRouteTable(ec2, peer),
      DestinationCidrBlock: routes.fromPeer,
      VpcPeeringConnectionId: pcx,
    }),
  );
  return peer;
}

const SAML_METADATA =
  '<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>';

const ADMIN_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});
const READ_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::reports/*" }],
});
const EC2_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const SUPPORT_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:root` }, Action: "sts:AssumeRole" },
  ],
});

/** Everything CIS warns about, once or twice. */
export async function buildMisconfigured(endpoint: string): Promise<void> {
  const home = clients(endpoint, "us-east-1");
  // S3: public ACL, no Block Public Access anywhere, policy without an HTTPS condition.
  await home.s3.send(new CreateBucketCommand({ Bucket: "public-data", ObjectOwnership: "ObjectWriter" }));
  await home.s3.send(new PutBucketAclCommand({ Bucket: "public-data", ACL: "public-read" }));
  await home.s3.send(
    new PutBucketPolicyCommand({
      Bucket: "public-data",
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::public-data/*" },
        ],
      }),
    }),
  );
  // IAM: a weak password policy, a console user without MFA, direct and admin policies.
  await home.iam.send(
    new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, PasswordReusePrevention: 5 }),
  );
  await home.iam.send(new CreateUserCommand({ UserName: "alice" }));
  await home.iam.send(new CreateLoginProfileCommand({ UserName: "alice", Password: "Passw0rd!Passw0rd!" }));
  await home.iam.send(new CreateAccessKeyCommand({ UserName: "alice" }));
  await home.iam.send(
    new PutUserPolicyCommand({ UserName: "alice", PolicyName: "inline-read", PolicyDocument: READ_POLICY }),
  );
  const admin = await home.iam.send(
    new CreatePolicyCommand({ PolicyName: "admin-all", PolicyDocument: ADMIN_POLICY }),
  );
  await home.iam.send(new AttachUserPolicyCommand({ UserName: "alice", PolicyArn: admin.Policy?.Arn }));
  await home.iam.send(
    new AttachUserPolicyCommand({
      UserName: "alice",
      PolicyArn: "arn:aws:iam::aws:policy/AWSCloudShellFullAccess",
    }),
  );
  // CloudTrail: one single-region trail, no validation, no KMS, no CloudWatch Logs.
  await home.s3.send(new CreateBucketCommand({ Bucket: "trail-logs-open" }));
  await home.trail.send(new CreateTrailCommand({ Name: "basic", S3BucketName: "trail-logs-open" }));
  await home.trail.send(new StartLoggingCommand({ Name: "basic" }));
  // A peered VPC whose main route table sends everything through the peering connection.
  await peerWithDefaultVpc(home.ec2, { toPeer: "10.1.0.0/16", fromPeer: "0.0.0.0/0" });
  for (const region of REGIONS) {
    const c = clients(endpoint, region);
    const vpc = await defaultVpc(c.ec2);
    // Admin ports and CIFS open to the world.
    const sg = await c.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: "wide-open", Description: "open admin ports", VpcId: vpc }),
    );
    await c.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: sg.GroupId,
        IpPermissions: [
          { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
          { IpProtocol: "tcp", FromPort: 3389, ToPort: 3389, Ipv6Ranges: [{ CidrIpv6: "::/0" }] },
          { IpProtocol: "tcp", FromPort: 445, ToPort: 445, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
        ],
      }),
    );
    // An instance with IMDSv1 and no instance profile, an unencrypted volume.
    await c.ec2.send(
      new RunInstancesCommand({
        ImageId: await imageId(c.ec2),
        MinCount: 1,
        MaxCount: 1,
        InstanceType: "t3.micro",
        MetadataOptions: { HttpTokens: "optional", HttpEndpoint: "enabled" },
      }),
    );
    await c.ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8, Encrypted: false }));
    // moto starts every region with Macie enabled; this account has it off.
    await c.macie.send(new DisableMacieCommand({}));
    // KMS key without rotation; RDS and EFS without encryption.
    await c.kms.send(new CreateKeyCommand({ Description: "no rotation" }));
    await c.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: `open-db-${region}`,
        DBInstanceClass: "db.t3.micro",
        Engine: "postgres",
        MasterUsername: "admin",
        MasterUserPassword: "not-a-secret-1",
        AllocatedStorage: 20,
        StorageEncrypted: false,
        PubliclyAccessible: true,
        AutoMinorVersionUpgrade: false,
      }),
    );
    await c.efs.send(new CreateFileSystemCommand({ CreationToken: `plain-${region}`, Encrypted: false }));
  }
}

/**
 * Makes the misconfigured account the management account of an organization
 * with one member account, no guardrail policy and GuardDuty trusted without
 * a delegated administrator (CIS 2.1.2, 2.1.6). Kept apart from
 * `buildMisconfigured` because other tests create their own organization there.
 */
export async function buildMisconfiguredOrganization(endpoint: string): Promise<void> {
  const { organizations } = clients(endpoint, "us-east-1");
  await organizations.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  await organizations.send(
    new CreateAccountCommand({ AccountName: "workload", Email: "workload@example.com" }),
  );
  await organizations.send(
    new EnableAWSServiceAccessCommand({ ServicePrincipal: "guardduty.amazonaws.com" }),
  );
}

/** Every automatable CIS AWS v7.0.0 control satisfied, in both regions. */
export async function buildHardened(endpoint: string): Promise<void> {
  const home = clients(endpoint, "us-east-1");
  const block = {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  };
  await home.s3control.send(
    new PutAccountPublicAccessBlockCommand({
      AccountId: MOTO_ACCOUNT,
      PublicAccessBlockConfiguration: block,
    }),
  );
  // Buckets: private, encrypted, versioned, logged, HTTPS only.
  for (const bucket of ["app-data", "trail-logs", "access-logs"]) {
    await home.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await home.s3.send(
      new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: block }),
    );
    await home.s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" } }],
        },
      }),
    );
    await home.s3.send(
      new PutBucketVersioningCommand({
        Bucket: bucket,
        // moto accepts but does not record MFA Delete, so 3.1.2 still fails on moto (see docs/aws.md).
        VersioningConfiguration: { Status: "Enabled", MFADelete: "Enabled" },
        MFA: `arn:aws:iam::${MOTO_ACCOUNT}:mfa/root-account-mfa-device 123456`,
      }),
    );
    await home.s3.send(
      new PutBucketPolicyCommand({
        Bucket: bucket,
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "DenyHttp",
              Effect: "Deny",
              Principal: { AWS: "*" },
              Action: "s3:*",
              Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            ...(bucket === "access-logs"
              ? [
                  {
                    Sid: "ServerAccessLogs",
                    Effect: "Allow",
                    Principal: { Service: "logging.s3.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: "arn:aws:s3:::access-logs/*",
                  },
                ]
              : []),
          ],
        }),
      }),
    );
  }
  for (const bucket of ["app-data", "trail-logs"])
    await home.s3.send(
      new PutBucketLoggingCommand({
        Bucket: bucket,
        BucketLoggingStatus: { LoggingEnabled: { TargetBucket: "access-logs", TargetPrefix: `${bucket}/` } },
      }),
    );
  // IAM: strong password policy, users with MFA receiving permissions through groups, a support role.
  await home.iam.send(
    new UpdateAccountPasswordPolicyCommand({
      MinimumPasswordLength: 14,
      PasswordReusePrevention: 24,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
    }),
  );
  await home.iam.send(new CreateGroupCommand({ GroupName: "readers" }));
  const read = await home.iam.send(
    new CreatePolicyCommand({ PolicyName: "reports-read", PolicyDocument: READ_POLICY }),
  );
  await home.iam.send(new AttachGroupPolicyCommand({ GroupName: "readers", PolicyArn: read.Policy?.Arn }));
  await home.iam.send(new CreateUserCommand({ UserName: "carol" }));
  await home.iam.send(new CreateLoginProfileCommand({ UserName: "carol", Password: "Passw0rd!Passw0rd!" }));
  await home.iam.send(new AddUserToGroupCommand({ GroupName: "readers", UserName: "carol" }));
  const mfa = await home.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "carol" }));
  await home.iam.send(
    new EnableMFADeviceCommand({
      UserName: "carol",
      SerialNumber: mfa.VirtualMFADevice?.SerialNumber,
      AuthenticationCode1: "123456",
      AuthenticationCode2: "654321",
    }),
  );
  await home.iam.send(
    new CreateRoleCommand({ RoleName: "support", AssumeRolePolicyDocument: SUPPORT_TRUST }),
  );
  await home.iam.send(
    new AttachRolePolicyCommand({
      RoleName: "support",
      PolicyArn: "arn:aws:iam::aws:policy/AWSSupportAccess",
    }),
  );
  await home.iam.send(
    new CreateRoleCommand({ RoleName: "app-instance", AssumeRolePolicyDocument: EC2_TRUST }),
  );
  await home.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "app-instance" }));
  await home.iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: "app-instance", RoleName: "app-instance" }),
  );
  await home.account.send(
    new PutAlternateContactCommand({
      AlternateContactType: "SECURITY",
      Name: "Security team",
      EmailAddress: "security@example.com",
      PhoneNumber: "+1-555-0100",
      Title: "CISO",
    }),
  );
  // People federate through a SAML identity provider (CIS 2.19).
  await home.iam.send(
    new CreateSAMLProviderCommand({ Name: "corporate-idp", SAMLMetadataDocument: SAML_METADATA }),
  );
  // An organization: a guardrail SCP on the root, GuardDuty administered by a security account.
  const org = home.organizations;
  await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  const security = (
    await org.send(new CreateAccountCommand({ AccountName: "security", Email: "security@example.com" }))
  ).CreateAccountStatus?.AccountId;
  const rootId = (await org.send(new ListRootsCommand({}))).Roots?.[0]?.Id;
  await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: "SERVICE_CONTROL_POLICY" }));
  const guardrail = await org.send(
    new CreateOrganizationsPolicyCommand({
      Name: "baseline-guardrails",
      Description: "protect the audit trail",
      Type: "SERVICE_CONTROL_POLICY",
      Content: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Deny",
            Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"],
            Resource: "*",
          },
        ],
      }),
    }),
  );
  await org.send(
    new AttachPolicyCommand({ PolicyId: guardrail.Policy?.PolicySummary?.Id, TargetId: rootId }),
  );
  await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "guardduty.amazonaws.com" }));
  await org.send(
    new RegisterDelegatedAdministratorCommand({
      AccountId: security,
      ServicePrincipal: "guardduty.amazonaws.com",
    }),
  );
  // A peered VPC routed only to the peer's own addresses (CIS 6.6).
  await peerWithDefaultVpc(home.ec2, { toPeer: "10.1.1.0/24", fromPeer: "172.31.0.0/20" });
  // KMS key for CloudTrail, with rotation.
  const key = await home.kms.send(new CreateKeyCommand({ Description: "cloudtrail" }));
  await home.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyMetadata?.KeyId }));
  // One multi-region trail: validated, KMS-encrypted, to CloudWatch Logs, with S3 data events.
  await home.logs.send(new CreateLogGroupCommand({ logGroupName: "cloudtrail" }));
  const logGroupArn = `arn:aws:logs:us-east-1:${MOTO_ACCOUNT}:log-group:cloudtrail:*`;
  await home.trail.send(
    new CreateTrailCommand({
      Name: "org-trail",
      S3BucketName: "trail-logs",
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      KmsKeyId: key.KeyMetadata?.Arn,
      CloudWatchLogsLogGroupArn: logGroupArn,
      CloudWatchLogsRoleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/cloudtrail-logs`,
    }),
  );
  await home.trail.send(new StartLoggingCommand({ Name: "org-trail" }));
  await home.trail.send(
    new PutEventSelectorsCommand({
      TrailName: "org-trail",
      EventSelectors: [
        {
          ReadWriteType: "All",
          IncludeManagementEvents: true,
          DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3"] }],
        },
      ],
    }),
  );
  // The CIS monitoring chain: a metric filter per control, an alarm on it, to a topic with a subscriber.
  const topic = await home.sns.send(new CreateTopicCommand({ Name: "security-alarms" }));
  await home.sns.send(
    new SubscribeCommand({
      TopicArn: topic.TopicArn,
      Protocol: "sqs",
      Endpoint: `arn:aws:sqs:us-east-1:${MOTO_ACCOUNT}:alarms`,
    }),
  );
  for (const [control, pattern] of Object.entries(CIS_MONITORING_PATTERNS)) {
    const metric = `cis-${control.replace(".", "-")}`;
    await home.logs.send(
      new PutMetricFilterCommand({
        logGroupName: "cloudtrail",
        filterName: metric,
        filterPattern: pattern,
        metricTransformations: [{ metricName: metric, metricNamespace: "CISBenchmark", metricValue: "1" }],
      }),
    );
    await home.cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: `${metric}-alarm`,
        MetricName: metric,
        Namespace: "CISBenchmark",
        Statistic: "Sum",
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        AlarmActions: [topic.TopicArn as string],
      }),
    );
  }
  for (const region of REGIONS) {
    const c = clients(endpoint, region);
    await c.ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
    await c.securityhub.send(new EnableSecurityHubCommand({}));
    await c.config.send(
      new PutConfigurationRecorderCommand({
        ConfigurationRecorder: {
          name: "default",
          roleARN: `arn:aws:iam::${MOTO_ACCOUNT}:role/config`,
          recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        },
      }),
    );
    await c.config.send(
      new PutDeliveryChannelCommand({ DeliveryChannel: { name: "default", s3BucketName: "trail-logs" } }),
    );
    await c.config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: "default" }));
    // Already on in moto; enabled explicitly as an administrator would.
    await c.macie.send(new EnableMacieCommand({}));
    // Every VPC: flow logs, an S3 gateway endpoint, a closed default security group, a default NACL
    // without admin ports.
    const vpc = await defaultVpc(c.ec2);
    for (const id of (await c.ec2.send(new DescribeVpcsCommand({}))).Vpcs?.map((v) => v.VpcId as string) ??
      []) {
      await c.ec2.send(
        new CreateFlowLogsCommand({
          ResourceIds: [id],
          ResourceType: "VPC",
          TrafficType: "ALL",
          LogDestinationType: "s3",
          LogDestination: "arn:aws:s3:::access-logs",
        }),
      );
      await c.ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: id,
          ServiceName: `com.amazonaws.${region}.s3`,
          VpcEndpointType: "Gateway",
          RouteTableIds: [await mainRouteTable(c.ec2, id)],
        }),
      );
    }
    const groups = await c.ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: ["default"] }] }),
    );
    for (const group of groups.SecurityGroups ?? []) {
      if ((group.IpPermissions ?? []).length > 0)
        await c.ec2.send(
          new RevokeSecurityGroupIngressCommand({
            GroupId: group.GroupId,
            IpPermissions: group.IpPermissions,
          }),
        );
      if ((group.IpPermissionsEgress ?? []).length > 0)
        await c.ec2.send(
          new RevokeSecurityGroupEgressCommand({
            GroupId: group.GroupId,
            IpPermissions: group.IpPermissionsEgress,
          }),
        );
    }
    const acls = await c.ec2.send(new DescribeNetworkAclsCommand({}));
    for (const acl of acls.NetworkAcls ?? [])
      for (const entry of acl.Entries ?? [])
        if (entry.RuleAction === "allow" && entry.RuleNumber !== undefined && entry.RuleNumber < 32767)
          await c.ec2.send(
            new ReplaceNetworkAclEntryCommand({
              NetworkAclId: acl.NetworkAclId,
              RuleNumber: entry.RuleNumber,
              Egress: entry.Egress,
              Protocol: "6",
              RuleAction: "allow",
              CidrBlock: entry.CidrBlock ?? "0.0.0.0/0",
              PortRange: { From: 443, To: 443 },
            }),
          );
    // A web security group, an IMDSv2 instance with a role, encrypted storage and databases.
    const web = await c.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: "web", Description: "https", VpcId: vpc }),
    );
    await c.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: web.GroupId,
        IpPermissions: [
          { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
        ],
      }),
    );
    await c.ec2.send(
      new RunInstancesCommand({
        ImageId: await imageId(c.ec2),
        MinCount: 1,
        MaxCount: 1,
        InstanceType: "t3.micro",
        SecurityGroupIds: [web.GroupId as string],
        MetadataOptions: { HttpTokens: "required", HttpEndpoint: "enabled" },
        IamInstanceProfile: { Name: "app-instance" },
      }),
    );
    await c.ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8, Encrypted: true }));
    const dataKey = await c.kms.send(new CreateKeyCommand({ Description: "data" }));
    await c.kms.send(new EnableKeyRotationCommand({ KeyId: dataKey.KeyMetadata?.KeyId }));
    await c.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: `private-db-${region}`,
        DBInstanceClass: "db.t3.micro",
        Engine: "postgres",
        MasterUsername: "admin",
        MasterUserPassword: "not-a-secret-1",
        AllocatedStorage: 20,
        StorageEncrypted: true,
        KmsKeyId: dataKey.KeyMetadata?.Arn,
        PubliclyAccessible: false,
        AutoMinorVersionUpgrade: true,
        MultiAZ: true,
      }),
    );
    await c.efs.send(new CreateFileSystemCommand({ CreationToken: `secure-${region}`, Encrypted: true }));
  }
}

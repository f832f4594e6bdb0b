import { isUnknown, unknown } from "../../../../model/index.js";
import {
  bool,
  type CfnMapper,
  list,
  type MapContext,
  nameOf,
  num,
  policyDocument,
  prop,
  type SourceResource,
  str,
  tagsOf,
} from "./context.js";

/**
 * Server access logging of the trail's bucket, when the bucket is in the
 * template (by Ref or literal name); unknown otherwise. Without a
 * DestinationBucketName, S3 writes the logs to the bucket itself.
 */
function trailBucketLogging(trail: SourceResource, ctx: MapContext): unknown {
  const raw = trail.raw.S3BucketName;
  const byRef = ctx.resource(ctx.refTarget(raw));
  const bucket =
    byRef?.type === "AWS::S3::Bucket"
      ? byRef
      : ctx.resource(ctx.byName("AWS::S3::Bucket", "BucketName", prop(trail, "S3BucketName")));
  if (!bucket) return unknown("the trail's bucket is not in this template");
  const logging = prop(bucket, "LoggingConfiguration");
  if (isUnknown(logging)) return logging;
  if (!logging || typeof logging !== "object") return null;
  return {
    targetBucket:
      prop(bucket, "LoggingConfiguration", "DestinationBucketName") ??
      prop(bucket, "BucketName") ??
      unknown("the bucket's own name, generated at deployment"),
    targetPrefix: prop(bucket, "LoggingConfiguration", "LogFilePrefix") ?? "",
  };
}

export const cloudTrailMapper: CfnMapper = {
  canonicalType: "aws.cloudtrail.trail",
  cfnType: "AWS::CloudTrail::Trail",
  map(trail, _companions, ctx) {
    for (const [canonical, cfn] of [
      ["isMultiRegionTrail", "IsMultiRegionTrail"],
      ["logFileValidationEnabled", "EnableLogFileValidation"],
      ["kmsKeyId", "KMSKeyId"],
      ["cloudWatchLogsLogGroupArn", "CloudWatchLogsLogGroupArn"],
      ["isLogging", "IsLogging"],
      ["eventSelectors", "EventSelectors"],
    ] as const)
      ctx.at(canonical, trail, cfn);
    const selectors = list(prop(trail, "EventSelectors"));
    const advanced = list(prop(trail, "AdvancedEventSelectors"));
    ctx.at("s3BucketLogging", trail, "S3BucketName");
    return {
      name: nameOf(trail, "TrailName"),
      properties: {
        name: prop(trail, "TrailName") ?? trail.logicalId,
        homeRegion: unknown("the stack's region"),
        isMultiRegionTrail: bool(prop(trail, "IsMultiRegionTrail")) ?? false,
        isOrganizationTrail: bool(prop(trail, "IsOrganizationTrail")) ?? false,
        logFileValidationEnabled: bool(prop(trail, "EnableLogFileValidation")) ?? false,
        kmsKeyId: prop(trail, "KMSKeyId") ?? null,
        s3BucketName: prop(trail, "S3BucketName") ?? null,
        s3BucketLogging: trailBucketLogging(trail, ctx),
        cloudWatchLogsLogGroupArn: prop(trail, "CloudWatchLogsLogGroupArn") ?? null,
        includeGlobalServiceEvents: bool(prop(trail, "IncludeGlobalServiceEvents")) ?? true,
        isLogging: bool(prop(trail, "IsLogging")) ?? true,
        eventSelectors: isUnknown(selectors)
          ? selectors
          : selectors.map((s) => {
              const sel = (s ?? {}) as Record<string, unknown>;
              const resources = list(sel.DataResources);
              return {
                readWriteType: sel.ReadWriteType ?? "All",
                includeManagementEvents: bool(sel.IncludeManagementEvents) ?? true,
                dataResources: isUnknown(resources)
                  ? resources
                  : resources.map((r) => ({
                      type: (r as Record<string, unknown>)?.Type ?? null,
                      values: (r as Record<string, unknown>)?.Values ?? [],
                    })),
              };
            }),
        advancedEventSelectors: isUnknown(advanced)
          ? advanced
          : advanced.map((a) => {
              const sel = (a ?? {}) as Record<string, unknown>;
              const fields = list(sel.FieldSelectors);
              return {
                name: sel.Name ?? null,
                fieldSelectors: isUnknown(fields)
                  ? fields
                  : fields.map((f) => {
                      const field = (f ?? {}) as Record<string, unknown>;
                      const out: Record<string, unknown> = { field: field.Field };
                      for (const key of [
                        "Equals",
                        "StartsWith",
                        "EndsWith",
                        "NotEquals",
                        "NotStartsWith",
                        "NotEndsWith",
                      ])
                        if (field[key] !== undefined) out[key[0]?.toLowerCase() + key.slice(1)] = field[key];
                      return out;
                    }),
              };
            }),
      },
      tags: tagsOf(prop(trail, "Tags")),
    };
  },
};

export const kmsKeyMapper: CfnMapper = {
  canonicalType: "aws.kms.key",
  cfnType: "AWS::KMS::Key",
  map(key, _companions, ctx) {
    ctx.at("keyRotationEnabled", key, "EnableKeyRotation");
    ctx.at("policy", key, "KeyPolicy");
    const enabled = bool(prop(key, "Enabled"));
    return {
      name: key.logicalId,
      properties: {
        keyId: unknown("assigned at deployment"),
        keyManager: "CUSTOMER",
        keySpec: prop(key, "KeySpec") ?? "SYMMETRIC_DEFAULT",
        keyUsage: prop(key, "KeyUsage") ?? "ENCRYPT_DECRYPT",
        keyState: isUnknown(enabled) ? enabled : enabled === false ? "Disabled" : "Enabled",
        keyRotationEnabled: bool(prop(key, "EnableKeyRotation")) ?? false,
        policy: policyDocument(prop(key, "KeyPolicy")),
      },
      tags: tagsOf(prop(key, "Tags")),
    };
  },
};

export const rdsInstanceMapper: CfnMapper = {
  canonicalType: "aws.rds.db-instance",
  cfnType: "AWS::RDS::DBInstance",
  map(db, _companions, ctx) {
    for (const [canonical, cfn] of [
      ["storageEncrypted", "StorageEncrypted"],
      ["publiclyAccessible", "PubliclyAccessible"],
      ["multiAZ", "MultiAZ"],
      ["autoMinorVersionUpgrade", "AutoMinorVersionUpgrade"],
      ["kmsKeyId", "KmsKeyId"],
      ["backupRetentionPeriod", "BackupRetentionPeriod"],
      ["deletionProtection", "DeletionProtection"],
      ["iamDatabaseAuthenticationEnabled", "EnableIAMDatabaseAuthentication"],
    ] as const)
      ctx.at(canonical, db, cfn);
    // Instances of an Aurora cluster take encryption from the cluster.
    const inCluster = prop(db, "DBClusterIdentifier") !== undefined;
    return {
      name: nameOf(db, "DBInstanceIdentifier"),
      properties: {
        dbInstanceIdentifier:
          prop(db, "DBInstanceIdentifier") ?? unknown("CloudFormation generates the identifier"),
        engine: str(prop(db, "Engine")) ?? null,
        storageEncrypted: inCluster
          ? unknown("set on the DB cluster")
          : (bool(prop(db, "StorageEncrypted")) ?? prop(db, "KmsKeyId") !== undefined),
        kmsKeyId: prop(db, "KmsKeyId") ?? null,
        autoMinorVersionUpgrade: bool(prop(db, "AutoMinorVersionUpgrade")) ?? true,
        publiclyAccessible: bool(prop(db, "PubliclyAccessible")) ?? false,
        multiAZ: bool(prop(db, "MultiAZ")) ?? false,
        // Cluster members take backups, deletion protection and IAM auth from the cluster.
        backupRetentionPeriod: inCluster
          ? unknown("set on the DB cluster")
          : (num(prop(db, "BackupRetentionPeriod")) ??
            // A restored instance or a replica does not take the API's 1-day default.
            (prop(db, "DBSnapshotIdentifier") !== undefined ||
            prop(db, "SourceDBInstanceIdentifier") !== undefined
              ? unknown("inherited from the snapshot or source instance")
              : 1)),
        deletionProtection: inCluster
          ? unknown("set on the DB cluster")
          : (bool(prop(db, "DeletionProtection")) ?? false),
        iamDatabaseAuthenticationEnabled: inCluster
          ? unknown("set on the DB cluster")
          : (bool(prop(db, "EnableIAMDatabaseAuthentication")) ?? false),
      },
      tags: tagsOf(prop(db, "Tags")),
    };
  },
};

export const efsMapper: CfnMapper = {
  canonicalType: "aws.efs.file-system",
  cfnType: "AWS::EFS::FileSystem",
  map(fs, _companions, ctx) {
    ctx.at("encrypted", fs, "Encrypted");
    return {
      name: fs.logicalId,
      properties: {
        fileSystemId: unknown("assigned at deployment"),
        encrypted: bool(prop(fs, "Encrypted")) ?? false,
        kmsKeyId: prop(fs, "KmsKeyId") ?? null,
      },
      tags: tagsOf(prop(fs, "FileSystemTags")),
    };
  },
};

export const snsTopicMapper: CfnMapper = {
  canonicalType: "aws.sns.topic",
  cfnType: "AWS::SNS::Topic",
  companions: {
    "AWS::SNS::TopicPolicy": (policy, ctx) => {
      const topics = policy.raw.Topics;
      return Array.isArray(topics) ? topics.map((t) => ctx.refTarget(t)).find(Boolean) : undefined;
    },
    "AWS::SNS::Subscription": (sub, ctx) => ctx.refTarget(sub.raw.TopicArn),
  },
  map(topic, companions, ctx) {
    ctx.at("kmsMasterKeyId", topic, "KmsMasterKeyId");
    const inline = list(prop(topic, "Subscription"));
    const subscriptions: unknown[] = isUnknown(inline)
      ? []
      : inline.map((s) => ({
          protocol: (s as Record<string, unknown>)?.Protocol ?? null,
          endpoint: (s as Record<string, unknown>)?.Endpoint ?? null,
          subscriptionArn: unknown("assigned at deployment"),
        }));
    for (const sub of companions.filter((c) => c.type === "AWS::SNS::Subscription"))
      subscriptions.push({
        protocol: prop(sub, "Protocol") ?? null,
        endpoint: prop(sub, "Endpoint") ?? null,
        subscriptionArn: unknown("assigned at deployment"),
      });
    const policy = companions.find((c) => c.type === "AWS::SNS::TopicPolicy");
    if (policy) ctx.at("policy", policy, "PolicyDocument");
    return {
      name: nameOf(topic, "TopicName"),
      properties: {
        topicName: prop(topic, "TopicName") ?? unknown("CloudFormation generates the topic name"),
        kmsMasterKeyId: prop(topic, "KmsMasterKeyId") ?? null,
        policy: policy ? policyDocument(prop(policy, "PolicyDocument")) : null,
        subscriptions,
      },
      tags: tagsOf(prop(topic, "Tags")),
    };
  },
};

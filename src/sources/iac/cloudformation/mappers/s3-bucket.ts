import { isUnknown, unknown } from "../../../../model/index.js";
import {
  bool,
  type CfnMapper,
  list,
  nameOf,
  policyDocument,
  prop,
  type SourceResource,
  str,
  tagsOf,
} from "./context.js";

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

interface Grant {
  grantee: { type: string; uri?: string };
  permission: string;
}

const owner: Grant = { grantee: { type: "CanonicalUser" }, permission: "FULL_CONTROL" };
const group = (uri: string, permission: string): Grant => ({ grantee: { type: "Group", uri }, permission });

/**
 * Canned ACLs expanded into the grants S3 creates for them, so IaC and live
 * buckets carry the same `acl.grants` shape. Shared with any format that
 * writes canned ACL names (Terraform's `acl` uses the same names).
 */
export const CANNED_ACL_GRANTS: Record<string, Grant[]> = {
  private: [owner],
  "public-read": [owner, group(ALL_USERS, "READ")],
  "public-read-write": [owner, group(ALL_USERS, "READ"), group(ALL_USERS, "WRITE")],
  "authenticated-read": [owner, group(AUTHENTICATED_USERS, "READ")],
  "log-delivery-write": [owner, group(LOG_DELIVERY, "WRITE"), group(LOG_DELIVERY, "READ_ACP")],
  "bucket-owner-read": [owner],
  "bucket-owner-full-control": [owner],
  "aws-exec-read": [owner],
};

/** CloudFormation's PascalCase canned ACL names (`PublicRead`) → S3's (`public-read`). */
export function cannedAclName(value: string): string {
  return value.includes("-")
    ? value
    : value.replace(/[A-Z]/g, (c, i: number) => (i ? "-" : "") + c.toLowerCase());
}

export const s3BucketMapper: CfnMapper = {
  canonicalType: "aws.s3.bucket",
  cfnType: "AWS::S3::Bucket",
  companions: {
    "AWS::S3::BucketPolicy": (policy, ctx) =>
      ctx.refTarget(policy.raw.Bucket) ?? ctx.byName("AWS::S3::Bucket", "BucketName", prop(policy, "Bucket")),
  },
  map(bucket, companions, ctx) {
    const properties: Record<string, unknown> = {};

    const pab = prop(bucket, "PublicAccessBlockConfiguration");
    properties.publicAccessBlock = isUnknown(pab)
      ? pab
      : pab && typeof pab === "object"
        ? {
            blockPublicAcls: bool(prop(bucket, "PublicAccessBlockConfiguration", "BlockPublicAcls")) ?? false,
            ignorePublicAcls:
              bool(prop(bucket, "PublicAccessBlockConfiguration", "IgnorePublicAcls")) ?? false,
            blockPublicPolicy:
              bool(prop(bucket, "PublicAccessBlockConfiguration", "BlockPublicPolicy")) ?? false,
            restrictPublicBuckets:
              bool(prop(bucket, "PublicAccessBlockConfiguration", "RestrictPublicBuckets")) ?? false,
          }
        : null;
    ctx.at("publicAccessBlock", bucket, "PublicAccessBlockConfiguration");
    for (const [canonical, cfn] of [
      ["blockPublicAcls", "BlockPublicAcls"],
      ["ignorePublicAcls", "IgnorePublicAcls"],
      ["blockPublicPolicy", "BlockPublicPolicy"],
      ["restrictPublicBuckets", "RestrictPublicBuckets"],
    ] as const)
      ctx.at(`publicAccessBlock.${canonical}`, bucket, "PublicAccessBlockConfiguration", cfn);

    properties.ownership = ownership(bucket);
    ctx.at("ownership", bucket, "OwnershipControls");

    const acl = str(prop(bucket, "AccessControl"));
    properties.acl = isUnknown(acl)
      ? acl
      : { grants: CANNED_ACL_GRANTS[cannedAclName(acl ?? "private")] ?? [owner] };
    ctx.at("acl", bucket, "AccessControl");

    properties.encryption = encryption(bucket);
    ctx.at("encryption", bucket, "BucketEncryption");

    const versioning = prop(bucket, "VersioningConfiguration");
    const status = str(prop(bucket, "VersioningConfiguration", "Status"));
    // CloudFormation cannot turn on MFA Delete: only the root user can, through the API.
    properties.versioning = isUnknown(versioning)
      ? versioning
      : { status: status ?? "Disabled", mfaDelete: "Disabled" };
    ctx.at("versioning", bucket, "VersioningConfiguration");
    ctx.at("versioning.status", bucket, "VersioningConfiguration", "Status");

    const logging = prop(bucket, "LoggingConfiguration");
    properties.logging = isUnknown(logging)
      ? logging
      : logging && typeof logging === "object"
        ? {
            targetBucket: str(prop(bucket, "LoggingConfiguration", "DestinationBucketName")) ?? null,
            targetPrefix: str(prop(bucket, "LoggingConfiguration", "LogFilePrefix")) ?? null,
          }
        : null;
    ctx.at("logging", bucket, "LoggingConfiguration");
    ctx.at("logging.targetBucket", bucket, "LoggingConfiguration", "DestinationBucketName");

    const policySource = companions.find((c) => c.type === "AWS::S3::BucketPolicy");
    properties.policy = policySource
      ? namedResources(policyDocument(prop(policySource, "PolicyDocument")), bucket.logicalId)
      : null;
    if (policySource) ctx.at("policy", policySource, "PolicyDocument");

    return { name: nameOf(bucket, "BucketName"), properties, tags: tagsOf(prop(bucket, "Tags")) };
  },
};

function ownership(bucket: SourceResource): unknown {
  const rules = list(prop(bucket, "OwnershipControls", "Rules"));
  if (isUnknown(rules)) return rules;
  const first = rules[0] as { ObjectOwnership?: unknown } | undefined;
  if (first?.ObjectOwnership !== undefined) return first.ObjectOwnership;
  // Since April 2023 S3 disables ACLs on new buckets unless a template asks
  // for a canned ACL, which CloudFormation then requires ObjectWriter for.
  const acl = prop(bucket, "AccessControl");
  if (isUnknown(acl)) return unknown("ownership depends on AccessControl, which is not known");
  return acl === undefined || cannedAclName(String(acl)) === "private" ? "BucketOwnerEnforced" : null;
}

function encryption(bucket: SourceResource): unknown {
  const config = prop(bucket, "BucketEncryption");
  if (isUnknown(config)) return config;
  if (!config) return null;
  const rules = list(prop(bucket, "BucketEncryption", "ServerSideEncryptionConfiguration"));
  if (isUnknown(rules)) return rules;
  return {
    rules: rules.map((rule) => {
      const r = (rule ?? {}) as Record<string, unknown>;
      const byDefault = (r.ServerSideEncryptionByDefault ?? {}) as Record<string, unknown>;
      const out: Record<string, unknown> = { algorithm: byDefault.SSEAlgorithm ?? null };
      if (byDefault.KMSMasterKeyID !== undefined) out.kmsKeyId = byDefault.KMSMasterKeyID;
      if (r.BucketKeyEnabled !== undefined) out.bucketKeyEnabled = bool(r.BucketKeyEnabled);
      return out;
    }),
  };
}

/**
 * A bucket policy may only name the bucket and its objects, so a `Resource`
 * that is unknown only because the bucket's ARN is assigned at deployment
 * (`!GetAtt Bucket.Arn`, `!Sub "${Bucket.Arn}/*"`) is written as a readable
 * placeholder instead: otherwise every policy would hold an unknown and no
 * policy check could ever fail on a template.
 */
function namedResources(policy: unknown, logicalId: string): unknown {
  if (!policy || typeof policy !== "object" || isUnknown(policy)) return policy;
  const statements = (policy as { Statement?: unknown }).Statement;
  if (!Array.isArray(statements)) return policy;
  const placeholder = `arn:aws:s3:::<${logicalId} bucket name, known at deployment>`;
  const fix = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(fix) : isUnknown(value) ? placeholder : value;
  return {
    ...policy,
    Statement: statements.map((statement) =>
      statement && typeof statement === "object" && !isUnknown(statement)
        ? Object.fromEntries(
            Object.entries(statement).map(([k, v]) => [
              k,
              k === "Resource" || k === "NotResource" ? fix(v) : v,
            ]),
          )
        : statement,
    ),
  };
}

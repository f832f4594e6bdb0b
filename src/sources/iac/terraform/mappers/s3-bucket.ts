/** aws.s3.bucket from aws_s3_bucket and its split-out companion resources (AWS provider v4+) or inline blocks (v3). */
import { isUnknown, unknown } from "../../../../model/index.js";
import {
  bool,
  type Companions,
  first,
  nameOf,
  type PropertyLines,
  stringTags,
  type TfMapper,
} from "./common.js";
import type { TfResourceInput } from "./input.js";

const OWNER = { grantee: { type: "CanonicalUser" }, permission: "FULL_CONTROL" };
const GROUP = "http://acs.amazonaws.com/groups/";
const group = (name: string, permission: string) => ({
  grantee: { type: "Group", uri: `${GROUP}${name}` },
  permission,
});

/** Canned ACLs as the grants S3 stores for them. */
const CANNED: Record<string, unknown[]> = {
  private: [OWNER],
  "public-read": [OWNER, group("global/AllUsers", "READ")],
  "public-read-write": [OWNER, group("global/AllUsers", "READ"), group("global/AllUsers", "WRITE")],
  "authenticated-read": [OWNER, group("global/AuthenticatedUsers", "READ")],
  "log-delivery-write": [OWNER, group("s3/LogDelivery", "WRITE"), group("s3/LogDelivery", "READ_ACP")],
  "aws-exec-read": [OWNER],
  "bucket-owner-read": [OWNER],
  "bucket-owner-full-control": [OWNER],
};

function cannedAcl(value: unknown): unknown {
  if (isUnknown(value)) return value;
  if (typeof value !== "string") return undefined;
  const grants = CANNED[value];
  return grants ? { grants } : unknown(`canned ACL ${value} is not known to the scanner`);
}

function policyValue(value: unknown): unknown {
  if (typeof value === "string") {
    if (value.trim() === "") return null;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value ?? null;
}

function one(companions: Companions, type: string): TfResourceInput | undefined {
  return companions.get(type)?.[0];
}

function acl(bucket: TfResourceInput, companions: Companions, props: PropertyLines): unknown {
  const aclResource = one(companions, "aws_s3_bucket_acl");
  if (aclResource) {
    const policy = aclResource.values.access_control_policy;
    if (isUnknown(policy)) return policy;
    const acp = first(policy);
    if (acp) {
      const grants = acp.grant;
      if (isUnknown(grants)) return grants;
      props.add("acl", aclResource, "access_control_policy[0]");
      return {
        grants: (Array.isArray(grants) ? grants : []).map((g: Record<string, unknown>, i: number) => {
          const grantee = first(g.grantee) ?? {};
          props.add(`acl.grants[${i}]`, aclResource, `access_control_policy[0].grant[${i}]`);
          return {
            grantee: { type: grantee.type, id: grantee.id, uri: grantee.uri, email: grantee.email_address },
            permission: g.permission,
          };
        }),
      };
    }
    props.add("acl", aclResource, "acl");
    return cannedAcl(aclResource.values.acl) ?? { grants: [OWNER] };
  }
  const inlineGrants = bucket.values.grant;
  if (isUnknown(inlineGrants)) return inlineGrants;
  if (Array.isArray(inlineGrants) && inlineGrants.length > 0) {
    props.add("acl", bucket, "grant[0]");
    const grants = inlineGrants.flatMap((g: Record<string, unknown>) => {
      if (isUnknown(g.permissions))
        return [{ grantee: { type: g.type, id: g.id, uri: g.uri }, permission: g.permissions }];
      return (Array.isArray(g.permissions) ? g.permissions : []).map((permission) => ({
        grantee: { type: g.type === "Group" ? "Group" : "CanonicalUser", id: g.id, uri: g.uri },
        permission,
      }));
    });
    return { grants };
  }
  if (bucket.values.acl !== undefined && bucket.values.acl !== null) {
    props.add("acl", bucket, "acl");
    return cannedAcl(bucket.values.acl);
  }
  return { grants: [OWNER] };
}

function encryption(bucket: TfResourceInput, companions: Companions, props: PropertyLines): unknown {
  const sse = one(companions, "aws_s3_bucket_server_side_encryption_configuration");
  const source = sse ?? bucket;
  const rules = sse ? sse.values.rule : first(bucket.values.server_side_encryption_configuration)?.rule;
  if (isUnknown(rules)) return rules;
  if (!Array.isArray(rules) || rules.length === 0) {
    if (isUnknown(bucket.values.server_side_encryption_configuration))
      return bucket.values.server_side_encryption_configuration;
    return null;
  }
  props.add("encryption", source, sse ? "rule[0]" : "server_side_encryption_configuration[0]");
  return {
    rules: rules.map((rule: Record<string, unknown>) => {
      const by = first(rule.apply_server_side_encryption_by_default) ?? {};
      const out: Record<string, unknown> = { algorithm: by.sse_algorithm };
      if (by.kms_master_key_id !== undefined && by.kms_master_key_id !== null)
        out.kmsKeyId = by.kms_master_key_id;
      if (rule.bucket_key_enabled !== undefined && rule.bucket_key_enabled !== null)
        out.bucketKeyEnabled = bool(rule.bucket_key_enabled);
      return out;
    }),
  };
}

function versioning(bucket: TfResourceInput, companions: Companions, props: PropertyLines): unknown {
  const resource = one(companions, "aws_s3_bucket_versioning");
  if (resource) {
    const config = resource.values.versioning_configuration;
    if (isUnknown(config)) return config;
    const c = first(config) ?? {};
    props.add("versioning", resource, "versioning_configuration[0]");
    props.add("versioning.status", resource, "versioning_configuration[0].status");
    props.add("versioning.mfaDelete", resource, "versioning_configuration[0].mfa_delete");
    return { status: c.status ?? "Disabled", mfaDelete: c.mfa_delete ?? "Disabled" };
  }
  const inline = bucket.values.versioning;
  if (isUnknown(inline)) return inline;
  const v = first(inline);
  if (!v) return null;
  props.add("versioning", bucket, "versioning[0]");
  props.add("versioning.status", bucket, "versioning[0].enabled");
  props.add("versioning.mfaDelete", bucket, "versioning[0].mfa_delete");
  const enabled = bool(v.enabled);
  const mfa = bool(v.mfa_delete);
  return {
    status: isUnknown(enabled) ? enabled : enabled ? "Enabled" : "Suspended",
    mfaDelete: isUnknown(mfa) ? mfa : mfa ? "Enabled" : "Disabled",
  };
}

function logging(bucket: TfResourceInput, companions: Companions, props: PropertyLines): unknown {
  const resource = one(companions, "aws_s3_bucket_logging");
  const source = resource ?? bucket;
  const raw = resource ? resource.values : bucket.values.logging;
  if (isUnknown(raw)) return raw;
  const config = resource ? resource.values : first(raw);
  if (!config) return null;
  props.add("logging", source, resource ? undefined : "logging[0]");
  props.add("logging.targetBucket", source, resource ? "target_bucket" : "logging[0].target_bucket");
  return { targetBucket: config.target_bucket ?? null, targetPrefix: config.target_prefix ?? null };
}

function publicAccessBlock(companions: Companions, props: PropertyLines): unknown {
  const pab = one(companions, "aws_s3_bucket_public_access_block");
  if (!pab) return null;
  props.add("publicAccessBlock", pab);
  const out: Record<string, unknown> = {};
  for (const [canonical, attribute] of [
    ["blockPublicAcls", "block_public_acls"],
    ["ignorePublicAcls", "ignore_public_acls"],
    ["blockPublicPolicy", "block_public_policy"],
    ["restrictPublicBuckets", "restrict_public_buckets"],
  ] as const) {
    out[canonical] = bool(pab.values[attribute]);
    props.add(`publicAccessBlock.${canonical}`, pab, attribute);
  }
  return out;
}

export const s3BucketMapper: TfMapper = {
  canonicalType: "aws.s3.bucket",
  parentTypes: ["aws_s3_bucket"],
  companions: {
    aws_s3_bucket_public_access_block: "bucket",
    aws_s3_bucket_policy: "bucket",
    aws_s3_bucket_server_side_encryption_configuration: "bucket",
    aws_s3_bucket_versioning: "bucket",
    aws_s3_bucket_logging: "bucket",
    aws_s3_bucket_acl: "bucket",
    aws_s3_bucket_ownership_controls: "bucket",
  },
  linkKeys: (bucket) => [bucket.values.bucket, bucket.values.id],
  build(bucket, companions, props) {
    const policyResource = one(companions, "aws_s3_bucket_policy");
    let policy: unknown = null;
    if (policyResource) {
      props.add("policy", policyResource, "policy");
      policy = policyValue(policyResource.values.policy);
    } else if (bucket.values.policy !== undefined) {
      props.add("policy", bucket, "policy");
      policy = policyValue(bucket.values.policy);
    }
    const ownershipResource = one(companions, "aws_s3_bucket_ownership_controls");
    let ownership: unknown = null;
    if (ownershipResource) {
      const rule = ownershipResource.values.rule;
      ownership = isUnknown(rule) ? rule : (first(rule)?.object_ownership ?? null);
      props.add("ownership", ownershipResource, "rule[0].object_ownership");
    }
    return {
      type: "aws.s3.bucket",
      name: nameOf(bucket, "bucket"),
      tags: stringTags(bucket.values.tags),
      properties: {
        publicAccessBlock: publicAccessBlock(companions, props),
        accountPublicAccessBlock: null,
        policy,
        acl: acl(bucket, companions, props),
        ownership,
        encryption: encryption(bucket, companions, props),
        versioning: versioning(bucket, companions, props),
        logging: logging(bucket, companions, props),
      },
    };
  },
};

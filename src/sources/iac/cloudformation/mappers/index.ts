import type { CfnMapper } from "./context.js";
import { cloudTrailMapper, efsMapper, kmsKeyMapper, rdsInstanceMapper, snsTopicMapper } from "./data.js";
import { instanceMapper, networkAclMapper, volumeMapper, vpcMapper } from "./ec2.js";
import { iamGroupMapper, iamPolicyMapper, iamRoleMapper, iamUserMapper } from "./iam.js";
import { s3BucketMapper } from "./s3-bucket.js";
import { securityGroupMapper } from "./security-group.js";

/** Every CloudFormation → canonical mapper, one per canonical type (see docs/resource-types.md). */
export const MAPPERS: readonly CfnMapper[] = [
  s3BucketMapper,
  securityGroupMapper,
  iamUserMapper,
  iamGroupMapper,
  iamRoleMapper,
  iamPolicyMapper,
  networkAclMapper,
  vpcMapper,
  instanceMapper,
  volumeMapper,
  cloudTrailMapper,
  kmsKeyMapper,
  rdsInstanceMapper,
  efsMapper,
  snsTopicMapper,
];

import { apigatewayMethodMapper, apigatewayStageMapper } from "./apigateway.js";
import { cloudfrontDistributionMapper } from "./cloudfront.js";
import type { CfnMapper } from "./context.js";
import { cloudTrailMapper, efsMapper, kmsKeyMapper, rdsInstanceMapper, snsTopicMapper } from "./data.js";
import { dynamodbTableMapper } from "./dynamodb.js";
import { instanceMapper, networkAclMapper, volumeMapper, vpcMapper } from "./ec2.js";
import { ecrRepositoryMapper } from "./ecr.js";
import { eksClusterMapper } from "./eks.js";
import { elasticacheReplicationGroupMapper } from "./elasticache.js";
import { elbv2LoadBalancerMapper } from "./elbv2.js";
import { guardDutyDetectorMapper } from "./guardduty.js";
import { iamGroupMapper, iamPolicyMapper, iamRoleMapper, iamUserMapper } from "./iam.js";
import { lambdaFunctionMapper } from "./lambda.js";
import { elasticsearchDomainMapper, opensearchDomainMapper } from "./opensearch.js";
import { rdsClusterMapper } from "./rds-cluster.js";
import {
  accessAnalyzerMapper,
  configRecorderMapper,
  macieSessionMapper,
  securityHubMapper,
} from "./region-settings.js";
import { routeTableMapper } from "./route-table.js";
import { s3BucketMapper } from "./s3-bucket.js";
import { secretsManagerSecretMapper } from "./secretsmanager.js";
import { securityGroupMapper } from "./security-group.js";
import { sqsQueueMapper } from "./sqs.js";

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
  routeTableMapper,
  instanceMapper,
  volumeMapper,
  cloudTrailMapper,
  kmsKeyMapper,
  rdsInstanceMapper,
  rdsClusterMapper,
  guardDutyDetectorMapper,
  securityHubMapper,
  accessAnalyzerMapper,
  configRecorderMapper,
  macieSessionMapper,
  efsMapper,
  snsTopicMapper,
  sqsQueueMapper,
  apigatewayStageMapper,
  apigatewayMethodMapper,
  cloudfrontDistributionMapper,
  elbv2LoadBalancerMapper,
  dynamodbTableMapper,
  ecrRepositoryMapper,
  secretsManagerSecretMapper,
  lambdaFunctionMapper,
  eksClusterMapper,
  elasticacheReplicationGroupMapper,
  opensearchDomainMapper,
  elasticsearchDomainMapper,
];

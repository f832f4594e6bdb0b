import type { AwsService } from "../context.js";
import { service as account } from "./account.js";
import { service as apigateway } from "./apigateway.js";
import { service as cloudfront } from "./cloudfront.js";
import { service as dynamodb } from "./dynamodb.js";
import { service as ec2 } from "./ec2.js";
import { service as ecr } from "./ecr.js";
import { service as efs } from "./efs.js";
import { service as eks } from "./eks.js";
import { service as elasticache } from "./elasticache.js";
import { service as elbv2 } from "./elbv2.js";
import { service as guardduty } from "./guardduty.js";
import { service as iam } from "./iam.js";
import { service as kms } from "./kms.js";
import { service as lambda } from "./lambda.js";
import { service as opensearch } from "./opensearch.js";
import { service as rds } from "./rds.js";
import { service as region } from "./region.js";
import { service as s3 } from "./s3.js";
import { service as secretsmanager } from "./secretsmanager.js";
import { service as sns } from "./sns.js";
import { service as sqs } from "./sqs.js";

/** Every service module; a new service is a new file plus one line here. */
export const AWS_SERVICES: readonly AwsService[] = [
  account,
  iam,
  s3,
  ec2,
  region,
  kms,
  rds,
  efs,
  elbv2,
  cloudfront,
  apigateway,
  eks,
  elasticache,
  opensearch,
  sqs,
  dynamodb,
  ecr,
  secretsmanager,
  lambda,
  guardduty,
  sns,
];

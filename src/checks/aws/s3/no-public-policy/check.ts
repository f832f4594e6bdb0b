import { defineCheck } from "../../../check.js";
import { evaluateResourcePolicy } from "../../sqs/public-policy.js";

export default defineCheck({
  id: "aws.s3.no-public-policy",
  title: "S3 bucket policy does not allow anyone",
  description:
    "A bucket policy that allows every principal without a limiting condition makes the bucket's objects public, whatever the ACLs say (unless Block Public Access stops it).",
  severity: "high",
  resourceTypes: ["aws.s3.bucket"],
  remediation:
    "Name the accounts, roles or services in the Principal, or add a condition such as aws:SourceArn or aws:PrincipalOrgID; serve public content through CloudFront with origin access control.",
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status",
  ],
  evaluate: (resource) => evaluateResourcePolicy(resource, "bucket"),
});

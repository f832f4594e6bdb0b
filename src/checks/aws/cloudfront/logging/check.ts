import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.cloudfront.logging",
  title: "CloudFront distribution writes access logs",
  description:
    "Standard logs record every viewer request at the edge; without them abuse and data exfiltration through the CDN leave no trace.",
  severity: "low",
  resourceTypes: ["aws.cloudfront.distribution"],
  remediation: "Configure standard logging to an S3 bucket (`logging_config { bucket = ... }`).",
  references: ["https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html"],
  fixes: {
    terraform:
      'resource "aws_cloudfront_distribution" "example" {\n  logging_config {\n    bucket = "cdn-logs.s3.amazonaws.com"\n  }\n}',
    cloudformation:
      "Type: AWS::CloudFront::Distribution\nProperties:\n  DistributionConfig:\n    Logging:\n      Bucket: cdn-logs.s3.amazonaws.com",
  },
  evaluate(resource) {
    const logging = resource.properties.logging as { bucket?: unknown } | null | undefined;
    const bucket = isUnknown(logging) ? logging : logging?.bucket;
    if (isUnknown(bucket))
      return notApplicable("the log bucket is not known", { path: "logging.bucket", actual: bucket });
    return typeof bucket === "string" && bucket !== ""
      ? pass("access logs go to a bucket", { path: "logging.bucket", actual: bucket })
      : fail("access logging is off", { path: "logging.bucket", actual: null, expected: "a bucket" });
  },
});

import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.s3.access-logging",
  title: "S3 bucket has server access logging enabled",
  description:
    "Server access logs record every request made to the bucket, which incident responders need to tell what was read or changed, and by whom.",
  severity: "low",
  resourceTypes: ["aws.s3.bucket"],
  remediation: "Enable server access logging to a separate log bucket (Terraform: aws_s3_bucket_logging).",
  references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"],
  evaluate(resource) {
    const target = getPath(resource.properties, "logging.targetBucket");
    if (isUnknown(target) || (typeof target === "string" && target !== "")) {
      return pass(`access logs go to ${isUnknown(target) ? "a bucket known at apply time" : target}`, {
        path: "logging.targetBucket",
        actual: target,
      });
    }
    return fail("server access logging is not enabled", {
      path: "logging",
      actual: resource.properties.logging ?? null,
      expected: "a target bucket for access logs",
    });
  },
});

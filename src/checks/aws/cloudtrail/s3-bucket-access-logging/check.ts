import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { isRecord } from "../../shared/read.js";

export default defineCheck({
  id: "aws.cloudtrail.s3-bucket-access-logging",
  title: "The CloudTrail bucket has server access logging",
  description:
    "Server access logs of the bucket that receives CloudTrail logs show who read, changed or deleted the audit trail itself (CIS AWS 4.4).",
  severity: "medium",
  resourceTypes: ["aws.cloudtrail.trail"],
  remediation:
    "Enable server access logging on the trail's S3 bucket, to a separate bucket (`aws s3api put-bucket-logging`).",
  references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html"],
  evaluate(resource) {
    const logging = getPath(resource.properties, "s3BucketLogging");
    const bucket = resource.properties.s3BucketName;
    if (isUnknown(logging))
      return notApplicable("the trail bucket's logging is not known", {
        path: "s3BucketLogging",
        actual: logging,
      });
    // Not read at all (an older snapshot); IaC sets it, unknown when the bucket is elsewhere.
    if (logging === undefined)
      return notApplicable("the trail bucket's logging was not read", {
        path: "s3BucketLogging",
        actual: null,
      });
    const target = isRecord(logging) ? logging.targetBucket : null;
    // IaC may name the target bucket by a reference resolved only at deployment.
    return isUnknown(target) || (typeof target === "string" && target !== "")
      ? pass(
          `bucket ${String(bucket)} logs its access to ${isUnknown(target) ? "a bucket known at deployment" : target}`,
          {
            path: "s3BucketLogging.targetBucket",
            actual: target,
          },
        )
      : fail(`the trail's bucket ${String(bucket)} has no server access logging`, {
          path: "s3BucketLogging",
          actual: logging,
          expected: "a target bucket for access logs",
        });
  },
});

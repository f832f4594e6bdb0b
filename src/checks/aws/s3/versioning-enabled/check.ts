import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.s3.versioning-enabled",
  title: "S3 bucket has versioning enabled",
  description:
    "Versioning keeps every version of every object, so an overwrite or a delete — by mistake or by ransomware — can be undone.",
  severity: "medium",
  resourceTypes: ["aws.s3.bucket"],
  remediation:
    'Enable versioning on the bucket (Terraform: aws_s3_bucket_versioning with status = "Enabled").',
  references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html"],
  evaluate(resource) {
    const status = getPath(resource.properties, "versioning.status");
    if (status === "Enabled")
      return pass("versioning is enabled", { path: "versioning.status", actual: status });
    return fail(
      `versioning is ${status === undefined || status === null ? "not configured" : String(status)}`,
      {
        path: "versioning.status",
        actual: status ?? null,
        expected: "Enabled",
      },
    );
  },
});

import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.cloudtrail.kms-encryption",
  title: "CloudTrail logs are encrypted with a KMS key",
  description: "SSE-KMS adds a key policy between the log bucket and its readers (CIS AWS 4.5).",
  severity: "medium",
  resourceTypes: ["aws.cloudtrail.trail"],
  remediation: "Set a customer-managed KMS key on the trail (`kms_key_id`).",

  evaluate(resource) {
    return expectValue(resource, "kmsKeyId", (value) => typeof value === "string" && value !== "", {
      pass: "logs are encrypted with a KMS key",
      fail: () => "logs are not encrypted with a KMS key",
      expected: "a KMS key ARN",
    });
  },
});

import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.s3.mfa-delete",
  title: "S3 bucket has MFA Delete enabled",
  description:
    "With MFA Delete, changing the versioning state of the bucket or permanently deleting an object version needs the root user's MFA code, which protects data against a stolen credential.",
  severity: "low",
  resourceTypes: ["aws.s3.bucket"],
  remediation:
    "As the root user with an MFA device, run: aws s3api put-bucket-versioning --bucket NAME --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa 'SERIAL CODE'.",
  references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html"],
  evaluate(resource) {
    const mfaDelete = getPath(resource.properties, "versioning.mfaDelete");
    if (mfaDelete === "Enabled")
      return pass("MFA Delete is enabled", { path: "versioning.mfaDelete", actual: mfaDelete });
    return fail("MFA Delete is not enabled", {
      path: "versioning.mfaDelete",
      actual: mfaDelete ?? null,
      expected: "Enabled",
    });
  },
});

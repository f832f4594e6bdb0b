import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { actions, conditionValues, isEveryone, statements } from "../../../lib/aws-policy.js";

export default defineCheck({
  id: "aws.s3.deny-insecure-transport",
  title: "S3 bucket policy denies requests over plain HTTP",
  description:
    "The bucket policy must deny every S3 action to every principal when aws:SecureTransport is false, so that data is only ever sent over TLS.",
  severity: "medium",
  resourceTypes: ["aws.s3.bucket"],
  remediation:
    'Add a bucket policy statement: Effect "Deny", Principal "*", Action "s3:*", Resource the bucket and "bucket/*", Condition {"Bool": {"aws:SecureTransport": "false"}}.',
  references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html"],
  evaluate(resource) {
    const policy = resource.properties.policy;
    if (isUnknown(policy))
      return notApplicable("the bucket policy is not known at scan time", { path: "policy", actual: policy });
    const denies = statements(policy).some(
      (s) =>
        s.Effect === "Deny" &&
        isEveryone(s.Principal) &&
        actions(s).some((a) => a === "s3:*" || a === "*") &&
        conditionValues(s, ["Bool", "BoolIfExists"], "aws:SecureTransport").some(
          (v) => String(v).toLowerCase() === "false",
        ),
    );
    if (denies) return pass("the bucket policy denies requests without TLS", { path: "policy" });
    return fail("no bucket policy statement denies requests without TLS (aws:SecureTransport false)", {
      path: "policy",
      actual: policy ?? null,
      expected: "a Deny statement for s3:* with Condition Bool aws:SecureTransport = false",
    });
  },
});

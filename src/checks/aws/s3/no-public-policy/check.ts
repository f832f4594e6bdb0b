import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { publicStatements } from "../../sqs/public-policy.js";

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
  evaluate(resource) {
    const policy = resource.properties.policy;
    if (isUnknown(policy))
      return notApplicable("the bucket policy is not known", { path: "policy", actual: policy });
    if (policy === null || policy === undefined)
      return pass("the bucket has no policy", { path: "policy", actual: null });
    const open = publicStatements(policy);
    if (open.length === 0) return pass("no statement allows anyone", { path: "policy" });
    return open.map(({ index, statement }) =>
      fail(
        `statement ${statement.Sid ?? index} allows every principal without a limiting condition`,
        {
          path: `policy.Statement[${index}]`,
          actual: statement.Principal,
          expected: "a named principal or a limiting condition",
        },
        String(statement.Sid ?? index),
      ),
    );
  },
});

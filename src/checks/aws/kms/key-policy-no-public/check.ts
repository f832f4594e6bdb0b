import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { conditionValues } from "../../../lib/aws-policy.js";
import { publicStatements } from "../../sqs/public-policy.js";

/** Operators that pin kms:CallerAccount — AWS's own pattern for keys shared through Principal "*" (e.g. the aws/* keys). */
const PINNING_OPERATORS = ["StringEquals", "StringLike", "ForAnyValue:StringEquals"];

export default defineCheck({
  id: "aws.kms.key-policy-no-public",
  title: "KMS key policies do not allow everyone",
  description:
    'A key policy statement that allows Principal "*" without a limiting condition lets any AWS account use or manage the key, and so read whatever it protects.',
  severity: "critical",
  resourceTypes: ["aws.kms.key"],
  remediation:
    "Name the accounts or roles that need the key as principals, or add a condition such as aws:PrincipalOrgID or kms:CallerAccount.",
  references: ["https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html"],
  fixes: {
    terraform:
      'resource "aws_kms_key" "example" {\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "kms:*", Resource = "*" }]\n  })\n}',
    cloudformation:
      'Type: AWS::KMS::Key\nProperties:\n  KeyPolicy:\n    Version: "2012-10-17"\n    Statement:\n      - Effect: Allow\n        Principal: { AWS: "arn:aws:iam::123456789012:root" }\n        Action: "kms:*"\n        Resource: "*"',
  },
  evaluate(resource) {
    const { policy, keyManager } = resource.properties;
    if (keyManager === "AWS")
      return notApplicable("AWS-managed keys have AWS-managed policies", {
        path: "keyManager",
        actual: keyManager,
      });
    if (isUnknown(policy))
      return notApplicable("the key policy is not known", { path: "policy", actual: policy });
    // Besides the generic caller-pinning keys, kms:CallerAccount limits a KMS key statement to one account.
    const open = publicStatements(policy).filter(
      ({ statement }) =>
        conditionValues(statement, PINNING_OPERATORS, "kms:CallerAccount").filter((v) => v !== "*").length ===
        0,
    );
    const first = open[0];
    if (first === undefined)
      return pass("no key policy statement allows everyone", { path: "policy", actual: "no public Allow" });
    return fail(`the key policy allows everyone in ${open.length} statement(s)`, {
      path: `policy.Statement[${first.index}]`,
      actual: first.statement,
      expected: "a named principal or a limiting condition",
    });
  },
});

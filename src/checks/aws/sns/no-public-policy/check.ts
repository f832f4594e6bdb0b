import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { publicStatements } from "../../sqs/public-policy.js";

export default defineCheck({
  id: "aws.sns.no-public-policy",
  title: "SNS topic policy does not allow anyone",
  description:
    "A topic policy that allows every principal without a limiting condition lets anyone publish to the topic or subscribe to it.",
  severity: "high",
  resourceTypes: ["aws.sns.topic"],
  remediation:
    "Name the accounts or services in the Principal, or add a condition such as aws:SourceArn or aws:SourceAccount.",
  references: ["https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html"],
  evaluate(resource) {
    const policy = resource.properties.policy;
    if (isUnknown(policy))
      return notApplicable("the topic policy is not known", { path: "policy", actual: policy });
    if (policy === null || policy === undefined)
      return pass("the topic has no policy", { path: "policy", actual: null });
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

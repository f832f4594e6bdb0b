import { defineCheck } from "../../../check.js";
import { evaluateResourcePolicy } from "../../sqs/public-policy.js";

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
  evaluate: (resource) => evaluateResourcePolicy(resource, "topic"),
});

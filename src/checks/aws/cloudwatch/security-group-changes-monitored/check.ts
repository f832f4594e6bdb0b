import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, eventNames } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.security-group-changes-monitored",
  title: "Security group changes are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match security group changes, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.10). Patterns match by their terms, in any order or spacing.",
  severity: "low",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for security group changes on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.10",
      subject: "security group changes",
      terms: [
        ...eventNames(
          "AuthorizeSecurityGroupIngress",
          "AuthorizeSecurityGroupEgress",
          "RevokeSecurityGroupIngress",
          "RevokeSecurityGroupEgress",
          "CreateSecurityGroup",
          "DeleteSecurityGroup",
        ),
      ],
    });
  },
});

import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, term } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.root-usage-monitored",
  title: "Usage of the root user are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match uses of the root user, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.3). Patterns match by their terms, in any order or spacing.",
  severity: "high",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for uses of the root user on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.3",
      subject: "uses of the root user",
      terms: [
        term("userIdentity.type", "=", "Root"),
        term("userIdentity.invokedBy", "NOT EXISTS", ""),
        term("eventType", "!=", "AwsServiceEvent"),
      ],
    });
  },
});

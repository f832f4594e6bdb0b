import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, eventNames } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.cloudtrail-changes-monitored",
  title: "CloudTrail configuration changes are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match CloudTrail configuration changes, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.5). Patterns match by their terms, in any order or spacing.",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for CloudTrail configuration changes on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.5",
      subject: "CloudTrail configuration changes",
      terms: [...eventNames("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging")],
    });
  },
});

import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, eventNames, term } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.cmk-disable-deletion-monitored",
  title: "Disabling or scheduled deletion of customer-managed KMS keys are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match disabling or scheduled deletion of customer-managed keys, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.7). Patterns match by their terms, in any order or spacing.",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for disabling or scheduled deletion of customer-managed keys on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.7",
      subject: "disabling or scheduled deletion of customer-managed keys",
      terms: [
        term("eventSource", "=", "kms.amazonaws.com"),
        ...eventNames("DisableKey", "ScheduleKeyDeletion"),
      ],
    });
  },
});

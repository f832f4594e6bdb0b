import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, eventNames, term } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.config-changes-monitored",
  title: "AWS Config configuration changes are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match AWS Config configuration changes, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.9). Patterns match by their terms, in any order or spacing.",
  severity: "low",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for AWS Config configuration changes on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.9",
      subject: "AWS Config configuration changes",
      terms: [
        term("eventSource", "=", "config.amazonaws.com"),
        ...eventNames(
          "StopConfigurationRecorder",
          "DeleteDeliveryChannel",
          "PutDeliveryChannel",
          "PutConfigurationRecorder",
        ),
      ],
    });
  },
});

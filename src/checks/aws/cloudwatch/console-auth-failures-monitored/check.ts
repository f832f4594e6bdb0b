import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, term } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.console-auth-failures-monitored",
  title: "Management console authentication failures are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match console authentication failures, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.6). Patterns match by their terms, in any order or spacing.",
  severity: "low",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for console authentication failures on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.6",
      subject: "console authentication failures",
      terms: [term("eventName", "=", "ConsoleLogin"), term("errorMessage", "=", "Failed authentication")],
    });
  },
});

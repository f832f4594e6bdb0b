import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, term } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.console-signin-without-mfa-monitored",
  title: "Management console sign-in without MFA are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match console sign-ins without MFA, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.2). Patterns match by their terms, in any order or spacing.",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for console sign-ins without MFA on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.2",
      subject: "console sign-ins without MFA",
      terms: [term("eventName", "=", "ConsoleLogin"), term("additionalEventData.MFAUsed", "!=", "Yes")],
    });
  },
});

import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, term } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.unauthorized-api-calls-monitored",
  title: "Unauthorized API calls are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match unauthorized API calls, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.1). Patterns match by their terms, in any order or spacing.",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for unauthorized API calls on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.1",
      subject: "unauthorized API calls",
      terms: [term("errorCode", "=", "*UnauthorizedOperation"), term("errorCode", "=", "AccessDenied*")],
    });
  },
});

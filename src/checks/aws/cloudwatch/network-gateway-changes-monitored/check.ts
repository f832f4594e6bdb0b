import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, eventNames } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.network-gateway-changes-monitored",
  title: "Network gateway changes are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match network gateway changes, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.12). Patterns match by their terms, in any order or spacing.",
  severity: "low",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for network gateway changes on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.12",
      subject: "network gateway changes",
      terms: [
        ...eventNames(
          "CreateCustomerGateway",
          "DeleteCustomerGateway",
          "AttachInternetGateway",
          "CreateInternetGateway",
          "DeleteInternetGateway",
          "DetachInternetGateway",
        ),
      ],
    });
  },
});

import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, eventNames } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.route-table-changes-monitored",
  title: "Route table changes are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match route table changes, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.13). Patterns match by their terms, in any order or spacing.",
  severity: "low",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for route table changes on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.13",
      subject: "route table changes",
      terms: [
        ...eventNames(
          "CreateRoute",
          "CreateRouteTable",
          "ReplaceRoute",
          "ReplaceRouteTableAssociation",
          "DeleteRouteTable",
          "DeleteRoute",
          "DisassociateRouteTable",
        ),
      ],
    });
  },
});

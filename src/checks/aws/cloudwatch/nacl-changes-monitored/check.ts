import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, eventNames } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.nacl-changes-monitored",
  title: "Network ACL changes are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match network ACL changes, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.11). Patterns match by their terms, in any order or spacing.",
  severity: "low",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for network ACL changes on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.11",
      subject: "network ACL changes",
      terms: [
        ...eventNames(
          "CreateNetworkAcl",
          "CreateNetworkAclEntry",
          "DeleteNetworkAcl",
          "DeleteNetworkAclEntry",
          "ReplaceNetworkAclEntry",
          "ReplaceNetworkAclAssociation",
        ),
      ],
    });
  },
});

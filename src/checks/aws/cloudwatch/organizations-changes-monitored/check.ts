import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, eventNames, term } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.organizations-changes-monitored",
  title: "AWS Organizations changes are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match AWS Organizations changes, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.15). Patterns match by their terms, in any order or spacing.",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for AWS Organizations changes on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.15",
      subject: "AWS Organizations changes",
      terms: [
        term("eventSource", "=", "organizations.amazonaws.com"),
        ...eventNames(
          "AcceptHandshake",
          "AttachPolicy",
          "CreateAccount",
          "CreateOrganizationalUnit",
          "CreatePolicy",
          "DeclineHandshake",
          "DeleteOrganization",
          "DeleteOrganizationalUnit",
          "DeletePolicy",
          "DetachPolicy",
          "DisablePolicyType",
          "EnablePolicyType",
          "InviteAccountToOrganization",
          "LeaveOrganization",
          "MoveAccount",
          "RemoveAccountFromOrganization",
          "UpdatePolicy",
          "UpdateOrganizationalUnit",
        ),
      ],
    });
  },
});

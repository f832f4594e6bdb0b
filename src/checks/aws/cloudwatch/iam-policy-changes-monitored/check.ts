import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, eventNames } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.iam-policy-changes-monitored",
  title: "IAM policy changes are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match IAM policy changes, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.4). Patterns match by their terms, in any order or spacing.",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for IAM policy changes on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.4",
      subject: "IAM policy changes",
      terms: [
        ...eventNames(
          "DeleteGroupPolicy",
          "DeleteRolePolicy",
          "DeleteUserPolicy",
          "PutGroupPolicy",
          "PutRolePolicy",
          "PutUserPolicy",
          "CreatePolicy",
          "DeletePolicy",
          "CreatePolicyVersion",
          "DeletePolicyVersion",
          "AttachRolePolicy",
          "DetachRolePolicy",
          "AttachUserPolicy",
          "DetachUserPolicy",
          "AttachGroupPolicy",
          "DetachGroupPolicy",
        ),
      ],
    });
  },
});

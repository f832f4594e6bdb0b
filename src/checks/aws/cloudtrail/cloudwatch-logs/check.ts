import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.cloudtrail.cloudwatch-logs",
  title: "CloudTrail trail delivers to CloudWatch Logs",
  description:
    "Sending trail events to CloudWatch Logs allows metric filters and alarms on API activity in near real time (CIS AWS 3.4 in v1.5).",
  severity: "low",
  resourceTypes: ["aws.cloudtrail.trail"],
  remediation:
    "Point the trail at a CloudWatch Logs log group with a role CloudTrail can assume (`cloud_watch_logs_group_arn`, `cloud_watch_logs_role_arn`).",
  references: [
    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html",
  ],
  fixes: {
    terraform:
      'resource "aws_cloudtrail" "example" {\n  cloud_watch_logs_group_arn = format("%s:*", aws_cloudwatch_log_group.trail.arn)\n  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_logs.arn\n}',
    cloudformation:
      "Type: AWS::CloudTrail::Trail\nProperties:\n  CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn\n  CloudWatchLogsRoleArn: !GetAtt TrailToLogsRole.Arn",
  },
  evaluate(resource) {
    return expectValue(
      resource,
      "cloudWatchLogsLogGroupArn",
      (value) => typeof value === "string" && value !== "",
      {
        pass: "the trail delivers to CloudWatch Logs",
        fail: () => "the trail does not deliver to CloudWatch Logs",
        expected: "a log group ARN",
      },
    );
  },
});

import { defineCheck } from "../../../check.js";
import { evaluateMonitoring, eventNames, term } from "../../shared/monitoring.js";

export default defineCheck({
  id: "aws.cloudwatch.s3-bucket-policy-changes-monitored",
  title: "S3 bucket policy changes are monitored",
  description:
    "A CloudWatch Logs metric filter on the multi-region trail's log group must match S3 bucket policy changes, with an alarm that notifies a subscribed SNS topic (CIS AWS 5.8). Patterns match by their terms, in any order or spacing.",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a metric filter for S3 bucket policy changes on the CloudTrail log group, an alarm on its metric (threshold 1), and an SNS topic with a subscriber as the alarm action.",
  evaluate(resource) {
    return evaluateMonitoring(resource, {
      control: "5.8",
      subject: "S3 bucket policy changes",
      terms: [
        term("eventSource", "=", "s3.amazonaws.com"),
        ...eventNames(
          "PutBucketAcl",
          "PutBucketPolicy",
          "PutBucketCors",
          "PutBucketLifecycle",
          "PutBucketReplication",
          "DeleteBucketPolicy",
          "DeleteBucketCors",
          "DeleteBucketLifecycle",
          "DeleteBucketReplication",
        ),
      ],
    });
  },
});

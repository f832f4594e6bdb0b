import { defineCheck } from "../../../check.js";
import { evaluateS3ObjectEvents } from "../s3-object-events.js";

export default defineCheck({
  id: "aws.cloudtrail.s3-object-write-events",
  title: "Object-level logging for write events is enabled for S3 buckets",
  description:
    "S3 data events record who changed which object; management events alone do not (CIS AWS 4.8).",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Add an event selector to a multi-region trail logging write data events for AWS::S3::Object on all buckets.",
  evaluate: (resource) => evaluateS3ObjectEvents(resource, "write"),
});

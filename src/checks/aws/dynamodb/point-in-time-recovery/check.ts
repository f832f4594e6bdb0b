import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.dynamodb.point-in-time-recovery",
  title: "DynamoDB table has point-in-time recovery",
  description:
    "Point-in-time recovery keeps continuous backups for 35 days, so a table can be restored after an accidental write or delete.",
  severity: "medium",
  resourceTypes: ["aws.dynamodb.table"],
  remediation: "Enable point-in-time recovery on the table (`point_in_time_recovery { enabled = true }`).",
  references: ["https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html"],
  fixes: {
    terraform:
      'resource "aws_dynamodb_table" "example" {\n  point_in_time_recovery {\n    enabled = true\n  }\n}',
    cloudformation:
      "Type: AWS::DynamoDB::Table\nProperties:\n  PointInTimeRecoverySpecification:\n    PointInTimeRecoveryEnabled: true",
  },
  evaluate(resource) {
    return expectValue(resource, "pointInTimeRecovery", (value) => value === true, {
      pass: "point-in-time recovery is enabled",
      fail: () => "point-in-time recovery is disabled",
      expected: true,
    });
  },
});

import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.dynamodb.deletion-protection",
  title: "DynamoDB table has deletion protection",
  description:
    "Deletion protection stops a table, and all its items, from being deleted by a mistaken call or IaC change.",
  severity: "low",
  resourceTypes: ["aws.dynamodb.table"],
  remediation: "Enable deletion protection on the table (`deletion_protection_enabled = true`).",
  references: [
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection",
  ],
  fixes: {
    terraform: 'resource "aws_dynamodb_table" "example" {\n  deletion_protection_enabled = true\n}',
    cloudformation: "Type: AWS::DynamoDB::Table\nProperties:\n  DeletionProtectionEnabled: true",
  },
  evaluate(resource) {
    return expectValue(resource, "deletionProtectionEnabled", (value) => value === true, {
      pass: "deletion protection is enabled",
      fail: () => "deletion protection is disabled",
      expected: true,
    });
  },
});

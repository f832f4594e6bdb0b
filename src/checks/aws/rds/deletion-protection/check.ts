import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.rds.deletion-protection",
  title: "RDS instance or cluster has deletion protection",
  description:
    "Deletion protection makes the API refuse to delete the instance until the flag is turned off, guarding against an accidental or scripted delete.",
  severity: "medium",
  resourceTypes: ["aws.rds.db-instance", "aws.rds.db-cluster"],
  remediation: "Turn on deletion protection for the instance (`deletion_protection = true`).",
  references: [
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection",
  ],
  fixes: {
    terraform: 'resource "aws_db_instance" "example" {\n  deletion_protection = true\n}',
    cloudformation: "Type: AWS::RDS::DBInstance\nProperties:\n  DeletionProtection: true",
  },
  evaluate(resource) {
    return expectValue(resource, "deletionProtection", (value) => value === true, {
      pass: "deletion protection is on",
      fail: () => "deletion protection is off",
      expected: true,
    });
  },
});

import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

const MIN_DAYS = 7;

export default defineCheck({
  id: "aws.rds.backup-retention",
  title: "RDS instance or cluster keeps automated backups for at least 7 days",
  description:
    "Automated backups allow point-in-time restore; a retention of 0 turns them off and a short one leaves little time to notice a bad change.",
  severity: "medium",
  resourceTypes: ["aws.rds.db-instance", "aws.rds.db-cluster"],
  remediation: `Set the backup retention period to ${MIN_DAYS} days or more (\`backup_retention_period\`).`,
  references: [
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
  ],
  fixes: {
    terraform: 'resource "aws_db_instance" "example" {\n  backup_retention_period = 7\n}',
    cloudformation: "Type: AWS::RDS::DBInstance\nProperties:\n  BackupRetentionPeriod: 7",
  },
  evaluate(resource) {
    return expectValue(
      resource,
      "backupRetentionPeriod",
      (value) => typeof value === "number" && value >= MIN_DAYS,
      {
        pass: "automated backups are kept for at least 7 days",
        fail: (value) =>
          value === 0
            ? "automated backups are turned off"
            : typeof value === "number"
              ? `automated backups are kept for only ${value} day(s)`
              : "backup retention period is not set",
        expected: `>= ${MIN_DAYS}`,
      },
    );
  },
});

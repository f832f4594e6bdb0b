/** aws.rds.db-instance from aws_db_instance. */
import { asBool, asNumber, fields, nameOf, stringTags, type TfMapper } from "./common.js";

export const rdsDbInstanceMapper: TfMapper = {
  canonicalType: "aws.rds.db-instance",
  parentTypes: ["aws_db_instance"],
  companions: {},
  linkKeys: () => [],
  build(db, _companions, props) {
    return {
      type: "aws.rds.db-instance",
      name: nameOf(db, "identifier"),
      tags: stringTags(db.values.tags),
      properties: fields(db, props, [
        ["dbInstanceIdentifier", "identifier"],
        ["engine", "engine"],
        ["storageEncrypted", "storage_encrypted", false, asBool],
        ["kmsKeyId", "kms_key_id"],
        ["autoMinorVersionUpgrade", "auto_minor_version_upgrade", true, asBool],
        ["publiclyAccessible", "publicly_accessible", false, asBool],
        ["multiAZ", "multi_az", false, asBool],
        // The RDS API keeps 1 day of automated backups when the attribute is left out.
        ["backupRetentionPeriod", "backup_retention_period", 1, asNumber],
        ["deletionProtection", "deletion_protection", false, asBool],
        ["iamDatabaseAuthenticationEnabled", "iam_database_authentication_enabled", false, asBool],
      ]),
    };
  },
};

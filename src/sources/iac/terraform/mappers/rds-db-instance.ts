/** aws.rds.db-instance from aws_db_instance. */
import { unknown } from "../../../../model/index.js";
import { asBool, asNumber, fields, nameOf, stringTags, type TfMapper } from "./common.js";

export const rdsDbInstanceMapper: TfMapper = {
  canonicalType: "aws.rds.db-instance",
  parentTypes: ["aws_db_instance"],
  companions: {},
  linkKeys: () => [],
  build(db, _companions, props) {
    // A restored instance keeps the source's retention and a replica follows its engine's rule,
    // so the API's 1-day default holds only for a new, standalone instance.
    const v = db.values;
    const derived = [v.snapshot_identifier, v.replicate_source_db, v.restore_to_point_in_time].some(
      (a) => a !== undefined && a !== null && !(Array.isArray(a) && a.length === 0),
    );
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
        [
          "backupRetentionPeriod",
          "backup_retention_period",
          derived ? unknown("inherited from the snapshot or source instance") : 1,
          asNumber,
        ],
        ["deletionProtection", "deletion_protection", false, asBool],
        ["iamDatabaseAuthenticationEnabled", "iam_database_authentication_enabled", false, asBool],
      ]),
    };
  },
};

import { isUnknown, unknown } from "../../../../model/index.js";
import { bool, type CfnMapper, nameOf, num, prop, str, tagsOf } from "./context.js";

/** aws.rds.db-cluster from AWS::RDS::DBCluster, with the template's instances that name it as members. */
export const rdsClusterMapper: CfnMapper = {
  canonicalType: "aws.rds.db-cluster",
  cfnType: "AWS::RDS::DBCluster",
  map(cluster, _companions, ctx) {
    for (const [canonical, cfn] of [
      ["storageEncrypted", "StorageEncrypted"],
      ["kmsKeyId", "KmsKeyId"],
      ["backupRetentionPeriod", "BackupRetentionPeriod"],
      ["deletionProtection", "DeletionProtection"],
      ["iamDatabaseAuthenticationEnabled", "EnableIAMDatabaseAuthentication"],
    ] as const)
      ctx.at(canonical, cluster, cfn);
    // A restored cluster or a replica inherits encryption and retention from its source.
    const derived = ["SnapshotIdentifier", "SourceDBClusterIdentifier", "ReplicationSourceIdentifier"].some(
      (p) => prop(cluster, p) !== undefined,
    );
    const inherited = unknown("inherited from the snapshot or source cluster");
    const identifier = prop(cluster, "DBClusterIdentifier");
    const members = ctx
      .ofType("AWS::RDS::DBInstance")
      .filter((db) => {
        const link = db.raw.DBClusterIdentifier;
        return ctx.refTarget(link) === cluster.logicalId || (typeof link === "string" && link === identifier);
      })
      .map((db) => prop(db, "DBInstanceIdentifier") ?? unknown("CloudFormation generates the identifier"));
    const kmsKey = prop(cluster, "KmsKeyId");
    return {
      name: nameOf(cluster, "DBClusterIdentifier"),
      properties: {
        dbClusterIdentifier: identifier ?? unknown("CloudFormation generates the identifier"),
        engine: str(prop(cluster, "Engine")) ?? null,
        // Serverless v1 clusters are always encrypted; a KMS key given means encryption is asked for.
        storageEncrypted:
          bool(prop(cluster, "StorageEncrypted")) ??
          (derived
            ? inherited
            : prop(cluster, "EngineMode") === "serverless" || (kmsKey !== undefined && !isUnknown(kmsKey))),
        kmsKeyId: kmsKey ?? null,
        // A Multi-AZ DB cluster names an instance class; an Aurora cluster's spread depends on its instances.
        multiAZ:
          prop(cluster, "DBClusterInstanceClass") !== undefined
            ? true
            : unknown("depends on the cluster's instances"),
        // The RDS API keeps 1 day of automated backups when the property is left out.
        backupRetentionPeriod: num(prop(cluster, "BackupRetentionPeriod")) ?? (derived ? inherited : 1),
        deletionProtection: bool(prop(cluster, "DeletionProtection")) ?? false,
        iamDatabaseAuthenticationEnabled: bool(prop(cluster, "EnableIAMDatabaseAuthentication")) ?? false,
        members,
      },
      tags: tagsOf(prop(cluster, "Tags")),
    };
  },
};

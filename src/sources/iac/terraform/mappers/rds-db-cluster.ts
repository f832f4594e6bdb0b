/** aws.rds.db-cluster from aws_rds_cluster, with the aws_rds_cluster_instance members that name it. */
import { isUnknown, unknown } from "../../../../model/index.js";
import { asBool, asNumber, fields, nameOf, stringTags, type TfMapper } from "./common.js";

const present = (a: unknown) => a !== undefined && a !== null && !(Array.isArray(a) && a.length === 0);

export const rdsDbClusterMapper: TfMapper = {
  canonicalType: "aws.rds.db-cluster",
  parentTypes: ["aws_rds_cluster"],
  companions: { aws_rds_cluster_instance: "cluster_identifier" },
  linkKeys: (cluster) => [cluster.values.cluster_identifier, cluster.values.id],
  build(cluster, companions, props) {
    const v = cluster.values;
    // A restored cluster or a replica inherits encryption and retention from its source,
    // so the API's defaults hold only for a new, standalone cluster.
    const derived = [v.snapshot_identifier, v.restore_to_point_in_time, v.replication_source_identifier].some(
      present,
    );
    const inherited = unknown("inherited from the snapshot or source cluster");
    // Serverless v1 clusters are always encrypted; a KMS key given means encryption is asked for.
    const encryptedByDefault = derived
      ? inherited
      : v.engine_mode === "serverless" || (present(v.kms_key_id) && !isUnknown(v.kms_key_id));
    const members = companions.get("aws_rds_cluster_instance") ?? [];
    return {
      type: "aws.rds.db-cluster",
      name: nameOf(cluster, "cluster_identifier"),
      tags: stringTags(v.tags),
      properties: {
        ...fields(cluster, props, [
          ["dbClusterIdentifier", "cluster_identifier", unknown("Terraform generates the identifier")],
          ["engine", "engine"],
          ["storageEncrypted", "storage_encrypted", encryptedByDefault, asBool],
          ["kmsKeyId", "kms_key_id"],
          // The RDS API keeps 1 day of automated backups when the attribute is left out.
          ["backupRetentionPeriod", "backup_retention_period", derived ? inherited : 1, asNumber],
          ["deletionProtection", "deletion_protection", false, asBool],
          ["iamDatabaseAuthenticationEnabled", "iam_database_authentication_enabled", false, asBool],
        ]),
        // A Multi-AZ DB cluster names an instance class; an Aurora cluster's spread depends on its instances.
        multiAZ: present(v.db_cluster_instance_class) ? true : unknown("depends on the cluster's instances"),
        members: members.map((m) => m.values.identifier ?? unknown("Terraform generates the identifier")),
      },
    };
  },
};

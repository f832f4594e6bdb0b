/** aws.dynamodb.table from aws_dynamodb_table. */
import { asBool, fields, first, nameOf, stringTags, type TfMapper } from "./common.js";

export const dynamodbTableMapper: TfMapper = {
  canonicalType: "aws.dynamodb.table",
  parentTypes: ["aws_dynamodb_table"],
  companions: {},
  linkKeys: (table) => [table.values.name, table.values.arn],
  build(table, _companions, props) {
    const base = fields(table, props, [
      ["tableName", "name"],
      ["pointInTimeRecovery", "point_in_time_recovery.0.enabled", false, asBool],
      ["deletionProtectionEnabled", "deletion_protection_enabled", false, asBool],
    ]);
    const sse = fields(table, props, [
      ["sseSpecification.enabled", "server_side_encryption.0.enabled", false, asBool],
      ["sseSpecification.kmsMasterKeyId", "server_side_encryption.0.kms_key_arn"],
    ]);
    const enabled = sse["sseSpecification.enabled"];
    return {
      type: "aws.dynamodb.table",
      name: nameOf(table, "name"),
      tags: stringTags(table.values.tags),
      properties: {
        ...base,
        // Without the block the table is encrypted with an AWS-owned key.
        sseSpecification: first(table.values.server_side_encryption)
          ? {
              enabled,
              sseType: enabled === true ? "KMS" : enabled === false ? null : enabled,
              kmsMasterKeyId: sse["sseSpecification.kmsMasterKeyId"],
            }
          : { enabled: false, sseType: null, kmsMasterKeyId: null },
      },
    };
  },
};

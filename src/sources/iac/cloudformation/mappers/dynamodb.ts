/** aws.dynamodb.table from AWS::DynamoDB::Table. */
import { unknown } from "../../../../model/index.js";
import { bool, type CfnMapper, nameOf, prop, tagsOf } from "./context.js";

export const dynamodbTableMapper: CfnMapper = {
  canonicalType: "aws.dynamodb.table",
  cfnType: "AWS::DynamoDB::Table",
  map(table, _companions, ctx) {
    ctx.at("pointInTimeRecovery", table, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled");
    ctx.at("deletionProtectionEnabled", table, "DeletionProtectionEnabled");
    ctx.at("sseSpecification", table, "SSESpecification");
    const enabled = bool(prop(table, "SSESpecification", "SSEEnabled")) ?? false;
    return {
      name: nameOf(table, "TableName"),
      properties: {
        tableName: prop(table, "TableName") ?? unknown("CloudFormation generates the table name"),
        pointInTimeRecovery:
          bool(prop(table, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")) ?? false,
        deletionProtectionEnabled: bool(prop(table, "DeletionProtectionEnabled")) ?? false,
        // Without SSEEnabled the table is encrypted with an AWS-owned key.
        sseSpecification: {
          enabled,
          sseType:
            enabled === true
              ? (prop(table, "SSESpecification", "SSEType") ?? "KMS")
              : enabled === false
                ? null
                : enabled,
          kmsMasterKeyId: prop(table, "SSESpecification", "KMSMasterKeyId") ?? null,
        },
      },
      tags: tagsOf(prop(table, "Tags")),
    };
  },
};

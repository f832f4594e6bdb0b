import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  paginateListTables,
  type SSEDescription,
} from "@aws-sdk/client-dynamodb";
import type { ResourceItem } from "../../../scan/posture.js";
import type { AwsContext, AwsService } from "../context.js";
import { type ErrorMarker, isErrorMarker, orMarker } from "../errors.js";
import { all } from "./iam.js";

const TYPE = "aws.dynamodb.table";

/**
 * The canonical `sseSpecification`: a table without an SSE description (or
 * with SSE disabled) is encrypted with a key AWS owns, `enabled: false`.
 */
function sseSpecification(sse: SSEDescription | undefined) {
  const enabled = sse?.Status === "ENABLED" || sse?.Status === "UPDATING";
  return enabled
    ? { enabled: true, sseType: sse?.SSEType ?? "KMS", kmsMasterKeyId: sse?.KMSMasterKeyArn ?? null }
    : { enabled: false, sseType: null, kmsMasterKeyId: null };
}

export const service: AwsService = {
  name: "dynamodb",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const dynamodb = ctx.client(DynamoDBClient, region);
    let names: string[];
    try {
      names = await all(paginateListTables({ client: dynamodb, pageSize: 100 }, {}), (p) => p.TableNames);
    } catch (error) {
      yield* ctx.collectionFailed({
        type: TYPE,
        idPrefix: ctx.arn("dynamodb", region, "table/"),
        region,
        source: "dynamodb",
        operation: "dynamodb:ListTables",
        error,
      });
      return;
    }
    const resources = await ctx.limiter("dynamodb", region).map(names, async (TableName) => {
      const [table, pitr] = await Promise.all([
        orMarker(
          "dynamodb:DescribeTable",
          async () => (await dynamodb.send(new DescribeTableCommand({ TableName }))).Table ?? {},
        ),
        orMarker("dynamodb:DescribeContinuousBackups", async () => {
          const out = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName }));
          return (
            out.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus ===
            "ENABLED"
          );
        }),
      ]);
      const described = isErrorMarker(table) ? undefined : table;
      const failed: ErrorMarker | undefined = isErrorMarker(table) ? table : undefined;
      return ctx.resource({
        type: TYPE,
        id: described?.TableArn ?? ctx.arn("dynamodb", region, `table/${TableName}`),
        name: TableName,
        region,
        source: "dynamodb",
        properties: {
          tableName: TableName,
          pointInTimeRecovery: pitr,
          deletionProtectionEnabled: failed ?? described?.DeletionProtectionEnabled === true,
          sseSpecification: failed ?? sseSpecification(described?.SSEDescription),
        },
      });
    });
    for (const resource of resources) yield { resource };
  },
};

import { ElastiCacheClient, paginateDescribeReplicationGroups } from "@aws-sdk/client-elasticache";
import type { ResourceItem } from "../../../scan/posture.js";
import type { AwsContext, AwsService } from "../context.js";

const TYPE = "aws.elasticache.replication-group";

export const service: AwsService = {
  name: "elasticache",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const elasticache = ctx.client(ElastiCacheClient, region);
    try {
      for await (const page of paginateDescribeReplicationGroups({ client: elasticache, pageSize: 100 }, {}))
        for (const group of page.ReplicationGroups ?? []) {
          const id = group.ReplicationGroupId as string;
          yield {
            resource: ctx.resource({
              type: TYPE,
              id: group.ARN ?? ctx.arn("elasticache", region, `replicationgroup:${id}`),
              name: id,
              region,
              source: "elasticache",
              properties: {
                replicationGroupId: id,
                // Older answers have no Engine; replication groups were Redis-only then.
                engine: group.Engine ?? "redis",
                // The API documents false as the default of both; an absent flag is off.
                atRestEncryptionEnabled: group.AtRestEncryptionEnabled === true,
                transitEncryptionEnabled: group.TransitEncryptionEnabled === true,
                authTokenEnabled: group.AuthTokenEnabled === true,
                kmsKeyId: group.KmsKeyId ?? null,
              },
            }),
          };
        }
    } catch (error) {
      yield* ctx.collectionFailed({
        type: TYPE,
        idPrefix: ctx.arn("elasticache", region, "replicationgroup:"),
        region,
        source: "elasticache",
        operation: "elasticache:DescribeReplicationGroups",
        error,
      });
    }
  },
};

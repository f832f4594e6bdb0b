import { paginateDescribeDBInstances, RDSClient } from "@aws-sdk/client-rds";
import type { ResourceItem } from "../../../scan/posture.js";
import type { AwsContext, AwsService } from "../context.js";

export const service: AwsService = {
  name: "rds",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const rds = ctx.client(RDSClient, region);
    try {
      for await (const page of paginateDescribeDBInstances({ client: rds, pageSize: 100 }, {}))
        for (const db of page.DBInstances ?? []) {
          const name = db.DBInstanceIdentifier as string;
          yield {
            resource: ctx.resource({
              type: "aws.rds.db-instance",
              id: db.DBInstanceArn ?? ctx.arn("rds", region, `db:${name}`),
              name,
              region,
              source: "rds",
              tags: Object.fromEntries((db.TagList ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])),
              properties: {
                dbInstanceIdentifier: name,
                engine: db.Engine ?? null,
                storageEncrypted: db.StorageEncrypted === true,
                kmsKeyId: db.KmsKeyId ?? null,
                autoMinorVersionUpgrade: db.AutoMinorVersionUpgrade === true,
                publiclyAccessible: db.PubliclyAccessible === true,
                multiAZ: db.MultiAZ === true,
                backupRetentionPeriod: db.BackupRetentionPeriod ?? null,
                deletionProtection: db.DeletionProtection === true,
                iamDatabaseAuthenticationEnabled: db.IAMDatabaseAuthenticationEnabled === true,
              },
            }),
          };
        }
    } catch (error) {
      yield* ctx.collectionFailed({
        type: "aws.rds.db-instance",
        idPrefix: ctx.arn("rds", region, "db:"),
        region,
        source: "rds",
        operation: "rds:DescribeDBInstances",
        error,
      });
    }
  },
};

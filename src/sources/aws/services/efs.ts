import { EFSClient, paginateDescribeFileSystems } from "@aws-sdk/client-efs";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, tagMap } from "../context.js";

export const service: AwsService = {
  name: "efs",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const efs = ctx.client(EFSClient, region);
    try {
      for await (const page of paginateDescribeFileSystems({ client: efs }, {}))
        for (const fs of page.FileSystems ?? []) {
          const id = fs.FileSystemId as string;
          yield {
            resource: ctx.resource({
              type: "aws.efs.file-system",
              id: fs.FileSystemArn ?? ctx.arn("elasticfilesystem", region, `file-system/${id}`),
              name: fs.Name ?? id,
              region,
              source: "efs",
              tags: tagMap(fs.Tags),
              properties: {
                fileSystemId: id,
                encrypted: fs.Encrypted === true,
                kmsKeyId: fs.KmsKeyId ?? null,
              },
            }),
          };
        }
    } catch (error) {
      yield* ctx.collectionFailed({
        type: "aws.efs.file-system",
        idPrefix: ctx.arn("elasticfilesystem", region, "file-system/"),
        region,
        source: "efs",
        operation: "elasticfilesystem:DescribeFileSystems",
        error,
      });
    }
  },
};

import { GetQueueAttributesCommand, paginateListQueues, SQSClient } from "@aws-sdk/client-sqs";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, parsePolicy } from "../context.js";
import { errorMarker } from "../errors.js";
import { all } from "./iam.js";

const TYPE = "aws.sqs.queue";

/** The last path segment of a queue URL (`https://sqs.REGION.amazonaws.com/ACCOUNT/NAME`). */
const queueName = (url: string): string => url.slice(url.lastIndexOf("/") + 1);

export const service: AwsService = {
  name: "sqs",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const sqs = ctx.client(SQSClient, region);
    let urls: string[];
    try {
      urls = await all(paginateListQueues({ client: sqs, pageSize: 1000 }, {}), (p) => p.QueueUrls);
    } catch (error) {
      yield* ctx.collectionFailed({
        type: TYPE,
        idPrefix: ctx.arn("sqs", region, ""),
        region,
        source: "sqs",
        operation: "sqs:ListQueues",
        error,
      });
      return;
    }
    const resources = await ctx.limiter("sqs", region).map(urls, async (url) => {
      const name = queueName(url);
      let properties: Record<string, unknown>;
      let arn: string | undefined;
      try {
        const attributes =
          (
            await sqs.send(
              new GetQueueAttributesCommand({
                QueueUrl: url,
                AttributeNames: ["QueueArn", "KmsMasterKeyId", "SqsManagedSseEnabled", "Policy"],
              }),
            )
          ).Attributes ?? {};
        arn = attributes.QueueArn;
        properties = {
          queueName: name,
          kmsMasterKeyId: attributes.KmsMasterKeyId || null,
          // The API reports the attribute on every queue; a missing one means SSE-SQS is off.
          sqsManagedSseEnabled: attributes.SqsManagedSseEnabled === "true",
          policy: parsePolicy(attributes.Policy),
        };
      } catch (error) {
        // Without the attributes nothing about the queue can be judged: every check reports `error`.
        const marker = errorMarker("sqs:GetQueueAttributes", error);
        properties = {
          queueName: name,
          kmsMasterKeyId: marker,
          sqsManagedSseEnabled: marker,
          policy: marker,
        };
      }
      return ctx.resource({
        type: TYPE,
        id: arn ?? ctx.arn("sqs", region, name),
        name,
        region,
        source: "sqs",
        properties,
      });
    });
    for (const resource of resources) yield { resource };
  },
};

import {
  GetTopicAttributesCommand,
  paginateListSubscriptions,
  paginateListTopics,
  SNSClient,
  type Subscription,
} from "@aws-sdk/client-sns";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, parsePolicy } from "../context.js";
import { errorMarker, isErrorMarker, orMarker } from "../errors.js";
import { all } from "./iam.js";

const TYPE = "aws.sns.topic";

/** The topic name: the last segment of its ARN (`arn:aws:sns:REGION:ACCOUNT:NAME`). */
const topicName = (arn: string): string => arn.slice(arn.lastIndexOf(":") + 1);

/**
 * SNS topics as `aws.sns.topic`, with the properties the Terraform and
 * CloudFormation mappers fill: key, policy and subscriptions. Subscriptions
 * come from one region-wide ListSubscriptions joined by topic ARN, instead of a
 * call per topic.
 */
export const service: AwsService = {
  name: "sns",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const sns = ctx.client(SNSClient, region);
    let arns: string[];
    try {
      arns = (await all(paginateListTopics({ client: sns }, {}), (p) => p.Topics)).flatMap((t) =>
        t.TopicArn ? [t.TopicArn] : [],
      );
    } catch (error) {
      yield* ctx.collectionFailed({
        type: TYPE,
        idPrefix: ctx.arn("sns", region, ""),
        region,
        source: "sns",
        operation: "sns:ListTopics",
        error,
      });
      return;
    }
    const subscriptions =
      arns.length === 0
        ? new Map<string, Subscription[]>()
        : await orMarker("sns:ListSubscriptions", async () => {
            const byTopic = new Map<string, Subscription[]>();
            for (const s of await all(paginateListSubscriptions({ client: sns }, {}), (p) => p.Subscriptions))
              byTopic.set(s.TopicArn ?? "", [...(byTopic.get(s.TopicArn ?? "") ?? []), s]);
            return byTopic;
          });
    const resources = await ctx.limiter("sns", region).map(arns, async (arn) => {
      let attributes: Record<string, unknown>;
      try {
        const out = (await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {};
        attributes = {
          // SNS leaves KmsMasterKeyId out of the attributes of an unencrypted topic.
          kmsMasterKeyId: out.KmsMasterKeyId || null,
          policy: parsePolicy(out.Policy),
        };
      } catch (error) {
        const marker = errorMarker("sns:GetTopicAttributes", error);
        attributes = { kmsMasterKeyId: marker, policy: marker };
      }
      return ctx.resource({
        type: TYPE,
        id: arn,
        name: topicName(arn),
        region,
        source: "sns",
        properties: {
          topicName: topicName(arn),
          ...attributes,
          subscriptions: isErrorMarker(subscriptions)
            ? subscriptions
            : (subscriptions.get(arn) ?? []).map((s) => ({
                protocol: s.Protocol ?? null,
                endpoint: s.Endpoint ?? null,
                subscriptionArn: s.SubscriptionArn ?? null,
              })),
        },
      });
    });
    for (const resource of resources) yield { resource };
  },
};

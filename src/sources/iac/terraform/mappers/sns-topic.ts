/** aws.sns.topic from aws_sns_topic, with aws_sns_topic_policy and aws_sns_topic_subscription joined by topic ARN. */
import { fields, nameOf, policyDocument, stringTags, type TfMapper } from "./common.js";

export const snsTopicMapper: TfMapper = {
  canonicalType: "aws.sns.topic",
  parentTypes: ["aws_sns_topic"],
  companions: { aws_sns_topic_policy: "arn", aws_sns_topic_subscription: "topic_arn" },
  linkKeys: (topic) => [topic.values.arn],
  build(topic, companions, props) {
    const policyResource = companions.get("aws_sns_topic_policy")?.[0];
    const base = fields(topic, props, [
      ["topicName", "name"],
      ["kmsMasterKeyId", "kms_master_key_id"],
      ["policy", "policy", null, policyDocument],
    ]);
    if (policyResource) {
      props.add("policy", policyResource, "policy");
      base.policy = policyDocument(policyResource.values.policy);
    }
    return {
      type: "aws.sns.topic",
      name: nameOf(topic, "name"),
      tags: stringTags(topic.values.tags),
      properties: {
        ...base,
        subscriptions: (companions.get("aws_sns_topic_subscription") ?? []).map((s) => ({
          protocol: s.values.protocol ?? null,
          endpoint: s.values.endpoint ?? null,
          subscriptionArn: "PendingConfirmation",
        })),
      },
    };
  },
};

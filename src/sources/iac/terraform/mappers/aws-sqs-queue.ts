/** aws.sqs.queue from aws_sqs_queue, with aws_sqs_queue_policy joined by queue URL. */
import { asBool, fields, nameOf, policyDocument, stringTags, type TfMapper } from "./common.js";

export const sqsQueueMapper: TfMapper = {
  canonicalType: "aws.sqs.queue",
  parentTypes: ["aws_sqs_queue"],
  companions: { aws_sqs_queue_policy: "queue_url" },
  linkKeys: (queue) => [queue.values.id, queue.values.url],
  build(queue, companions, props) {
    const base = fields(queue, props, [
      ["queueName", "name"],
      ["kmsMasterKeyId", "kms_master_key_id"],
      // New queues get SSE-SQS unless it is turned off (AWS default since 2022).
      ["sqsManagedSseEnabled", "sqs_managed_sse_enabled", true, asBool],
      ["policy", "policy", null, policyDocument],
    ]);
    const policyResource = companions.get("aws_sqs_queue_policy")?.[0];
    if (policyResource) {
      props.add("policy", policyResource, "policy");
      base.policy = policyDocument(policyResource.values.policy);
    }
    return {
      type: "aws.sqs.queue",
      name: nameOf(queue, "name"),
      tags: stringTags(queue.values.tags),
      properties: base,
    };
  },
};

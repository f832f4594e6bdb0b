/** aws.sqs.queue from AWS::SQS::Queue, with AWS::SQS::QueuePolicy joined by `Queues` (Ref gives the URL). */
import { unknown } from "../../../../model/index.js";
import { bool, type CfnMapper, nameOf, policyDocument, prop, tagsOf } from "./context.js";

export const sqsQueueMapper: CfnMapper = {
  canonicalType: "aws.sqs.queue",
  cfnType: "AWS::SQS::Queue",
  companions: {
    "AWS::SQS::QueuePolicy": (policy, ctx) => {
      const queues = policy.raw.Queues;
      return Array.isArray(queues) ? queues.map((q) => ctx.refTarget(q)).find(Boolean) : undefined;
    },
  },
  map(queue, companions, ctx) {
    ctx.at("kmsMasterKeyId", queue, "KmsMasterKeyId");
    ctx.at("sqsManagedSseEnabled", queue, "SqsManagedSseEnabled");
    const policy = companions.find((c) => c.type === "AWS::SQS::QueuePolicy");
    if (policy) ctx.at("policy", policy, "PolicyDocument");
    return {
      name: nameOf(queue, "QueueName"),
      properties: {
        queueName: prop(queue, "QueueName") ?? unknown("CloudFormation generates the queue name"),
        kmsMasterKeyId: prop(queue, "KmsMasterKeyId") ?? null,
        // New queues get SSE-SQS unless it is turned off (AWS default since 2022).
        sqsManagedSseEnabled: bool(prop(queue, "SqsManagedSseEnabled")) ?? true,
        policy: policy ? policyDocument(prop(policy, "PolicyDocument")) : null,
      },
      tags: tagsOf(prop(queue, "Tags")),
    };
  },
};

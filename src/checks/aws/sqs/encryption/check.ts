import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.sqs.encryption",
  title: "SQS queue encrypts messages at rest",
  description:
    "Messages in a queue often carry business data; server-side encryption (SSE-SQS or a KMS key) keeps them encrypted at rest.",
  severity: "medium",
  resourceTypes: ["aws.sqs.queue"],
  remediation: "Enable SSE-SQS (`sqs_managed_sse_enabled = true`) or set a KMS key (`kms_master_key_id`).",
  references: [
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html",
  ],
  fixes: {
    terraform: 'resource "aws_sqs_queue" "example" {\n  sqs_managed_sse_enabled = true\n}',
    cloudformation: "Type: AWS::SQS::Queue\nProperties:\n  SqsManagedSseEnabled: true",
  },
  evaluate(resource) {
    const { kmsMasterKeyId, sqsManagedSseEnabled } = resource.properties;
    if (isUnknown(kmsMasterKeyId))
      return notApplicable("the KMS key is not known", { path: "kmsMasterKeyId", actual: kmsMasterKeyId });
    if (typeof kmsMasterKeyId === "string" && kmsMasterKeyId !== "")
      return pass("messages are encrypted with a KMS key", {
        path: "kmsMasterKeyId",
        actual: kmsMasterKeyId,
      });
    if (isUnknown(sqsManagedSseEnabled))
      return notApplicable("whether SSE-SQS is on is not known", {
        path: "sqsManagedSseEnabled",
        actual: sqsManagedSseEnabled,
      });
    return sqsManagedSseEnabled === true
      ? pass("messages are encrypted with SSE-SQS", { path: "sqsManagedSseEnabled", actual: true })
      : fail("the queue has neither SSE-SQS nor a KMS key", {
          path: "sqsManagedSseEnabled",
          actual: sqsManagedSseEnabled ?? null,
          expected: true,
        });
  },
});

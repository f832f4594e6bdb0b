import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.sns.encryption",
  title: "SNS topic is encrypted with KMS",
  description:
    "Without server-side encryption, messages are stored unencrypted at rest while SNS delivers them; alerts often carry account and resource details.",
  severity: "medium",
  resourceTypes: ["aws.sns.topic"],
  remediation: "Set a KMS key on the topic (alias/aws/sns or a customer managed key).",
  references: ["https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html"],
  fixes: {
    terraform:
      'resource "aws_sns_topic" "example" {\n  name              = "example"\n  kms_master_key_id = "alias/aws/sns"\n}',
    cloudformation: "Type: AWS::SNS::Topic\nProperties:\n  KmsMasterKeyId: alias/aws/sns",
  },
  evaluate(resource) {
    const key = resource.properties.kmsMasterKeyId;
    if (isUnknown(key))
      return notApplicable("the topic's key is not known", { path: "kmsMasterKeyId", actual: key });
    if (typeof key === "string" && key !== "")
      return pass(`the topic is encrypted with ${key}`, { path: "kmsMasterKeyId", actual: key });
    return fail("the topic is not encrypted", {
      path: "kmsMasterKeyId",
      actual: key ?? null,
      expected: "a KMS key",
    });
  },
});

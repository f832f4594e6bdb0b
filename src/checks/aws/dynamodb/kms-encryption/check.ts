import { defineCheck } from "../../../check.js";
import { expectValue, isRecord } from "../../shared/read.js";

export default defineCheck({
  id: "aws.dynamodb.kms-encryption",
  title: "DynamoDB table is encrypted with a KMS key",
  description:
    "By default a table is encrypted with a key AWS owns, which account owners cannot audit or restrict; an AWS managed or customer managed KMS key adds CloudTrail records and a key policy.",
  severity: "low",
  resourceTypes: ["aws.dynamodb.table"],
  remediation:
    "Enable server-side encryption with KMS on the table (`server_side_encryption { enabled = true }`), optionally naming a customer managed key.",
  references: ["https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html"],
  fixes: {
    terraform:
      'resource "aws_dynamodb_table" "example" {\n  server_side_encryption {\n    enabled     = true\n    kms_key_arn = aws_kms_key.example.arn\n  }\n}',
    cloudformation:
      "Type: AWS::DynamoDB::Table\nProperties:\n  SSESpecification:\n    SSEEnabled: true\n    SSEType: KMS\n    KMSMasterKeyId: !Ref ExampleKey",
  },
  evaluate(resource) {
    return expectValue(
      resource,
      "sseSpecification",
      (value) => isRecord(value) && value.enabled === true && value.sseType === "KMS",
      {
        pass: "the table is encrypted with a KMS key",
        fail: () => "the table is encrypted with the default AWS owned key",
        expected: { enabled: true, sseType: "KMS" },
      },
    );
  },
});

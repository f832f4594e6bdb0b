/** aws.kms.key from aws_kms_key, with the names of aws_kms_alias resources that target it. */
import { unknown } from "../../../../model/index.js";
import { asBool, fields, policyDocument, stringTags, type TfMapper } from "./common.js";

export const kmsKeyMapper: TfMapper = {
  canonicalType: "aws.kms.key",
  parentTypes: ["aws_kms_key"],
  companions: { aws_kms_alias: "target_key_id" },
  linkKeys: (key) => [key.values.id, key.values.key_id, key.values.arn],
  build(key, companions, props) {
    const aliases = (companions.get("aws_kms_alias") ?? []).map(
      (a) => a.values.name ?? unknown("alias name"),
    );
    const first = aliases.find((a): a is string => typeof a === "string");
    return {
      type: "aws.kms.key",
      name: first ?? key.address,
      tags: stringTags(key.values.tags),
      properties: {
        keyId: key.values.key_id ?? unknown("the key id is known only after apply"),
        keyManager: "CUSTOMER",
        keyState: "Enabled",
        ...fields(key, props, [
          ["keySpec", "customer_master_key_spec", "SYMMETRIC_DEFAULT"],
          ["keyUsage", "key_usage", "ENCRYPT_DECRYPT"],
          ["keyRotationEnabled", "enable_key_rotation", false, asBool],
          ["policy", "policy", null, policyDocument],
        ]),
        aliases,
      },
    };
  },
};

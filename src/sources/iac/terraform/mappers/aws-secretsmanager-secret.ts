/** aws.secretsmanager.secret from aws_secretsmanager_secret, with aws_secretsmanager_secret_rotation joined by secret id. */
import { unknown } from "../../../../model/index.js";
import { fields, nameOf, stringTags, type TfMapper } from "./common.js";

export const secretsManagerSecretMapper: TfMapper = {
  canonicalType: "aws.secretsmanager.secret",
  parentTypes: ["aws_secretsmanager_secret"],
  companions: { aws_secretsmanager_secret_rotation: "secret_id" },
  linkKeys: (secret) => [secret.values.id, secret.values.arn, secret.values.name],
  build(secret, companions, props) {
    const base = fields(secret, props, [
      ["name", "name"],
      ["kmsKeyId", "kms_key_id"],
    ]);
    const rotation = companions.get("aws_secretsmanager_secret_rotation")?.[0];
    if (rotation) props.add("rotationEnabled", rotation);
    return {
      type: "aws.secretsmanager.secret",
      name: nameOf(secret, "name"),
      tags: stringTags(secret.values.tags),
      properties: {
        name: base.name ?? unknown("Terraform generates the name"),
        kmsKeyId: base.kmsKeyId,
        // Rotation is a separate resource: one joined here means rotation is configured.
        rotationEnabled: rotation !== undefined,
      },
    };
  },
};

/** aws.secretsmanager.secret from AWS::SecretsManager::Secret, with AWS::SecretsManager::RotationSchedule joined by SecretId. */
import { unknown } from "../../../../model/index.js";
import { type CfnMapper, nameOf, prop, tagsOf } from "./context.js";

export const secretsManagerSecretMapper: CfnMapper = {
  canonicalType: "aws.secretsmanager.secret",
  cfnType: "AWS::SecretsManager::Secret",
  companions: {
    "AWS::SecretsManager::RotationSchedule": (schedule, ctx) => ctx.refTarget(schedule.raw.SecretId),
  },
  map(secret, companions, ctx) {
    ctx.at("kmsKeyId", secret, "KmsKeyId");
    const schedule = companions.find((c) => c.type === "AWS::SecretsManager::RotationSchedule");
    if (schedule) ctx.at("rotationEnabled", schedule, "RotationRules");
    return {
      name: nameOf(secret, "Name"),
      properties: {
        name: prop(secret, "Name") ?? unknown("CloudFormation generates the secret name"),
        kmsKeyId: prop(secret, "KmsKeyId") ?? null,
        rotationEnabled: schedule !== undefined,
      },
      tags: tagsOf(prop(secret, "Tags")),
    };
  },
};

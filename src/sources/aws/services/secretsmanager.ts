import { paginateListSecrets, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, tagMap } from "../context.js";

const TYPE = "aws.secretsmanager.secret";

export const service: AwsService = {
  name: "secretsmanager",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const client = ctx.client(SecretsManagerClient, region);
    try {
      // ListSecrets carries everything the checks read: no per-secret call.
      for await (const page of paginateListSecrets({ client, pageSize: 100 }, {}))
        for (const secret of page.SecretList ?? []) {
          const name = secret.Name as string;
          yield {
            resource: ctx.resource({
              type: TYPE,
              id: secret.ARN ?? ctx.arn("secretsmanager", region, `secret:${name}`),
              name,
              region,
              source: "secretsmanager",
              tags: tagMap(secret.Tags),
              properties: {
                name,
                // null = the AWS managed key aws/secretsmanager.
                kmsKeyId: secret.KmsKeyId ?? null,
                rotationEnabled: secret.RotationEnabled === true,
              },
            }),
          };
        }
    } catch (error) {
      yield* ctx.collectionFailed({
        type: TYPE,
        idPrefix: ctx.arn("secretsmanager", region, "secret:"),
        region,
        source: "secretsmanager",
        operation: "secretsmanager:ListSecrets",
        error,
      });
    }
  },
};

import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  paginateListAliases,
  paginateListKeys,
} from "@aws-sdk/client-kms";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, parsePolicy } from "../context.js";
import { orMarker } from "../errors.js";
import { all } from "./iam.js";

export const service: AwsService = {
  name: "kms",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const kms = ctx.client(KMSClient, region);
    const limiter = ctx.limiter("kms", region);
    let keys: { KeyId?: string; KeyArn?: string }[];
    try {
      keys = await all(paginateListKeys({ client: kms, pageSize: 1000 }, {}), (p) => p.Keys);
    } catch (error) {
      yield* ctx.collectionFailed({
        type: "aws.kms.key",
        idPrefix: ctx.arn("kms", region, "key/"),
        region,
        source: "kms",
        operation: "kms:ListKeys",
        error,
      });
      return;
    }
    // Aliases name AWS-managed keys (alias/aws/…) even where KeyManager is not reported.
    const aliases = new Map<string, string[]>();
    try {
      for await (const page of paginateListAliases({ client: kms }, {}))
        for (const alias of page.Aliases ?? [])
          if (alias.TargetKeyId && alias.AliasName)
            aliases.set(alias.TargetKeyId, [...(aliases.get(alias.TargetKeyId) ?? []), alias.AliasName]);
    } catch {
      // Aliases only refine the picture; the keys themselves are still reported.
    }
    const resources = await limiter.map(keys, async (key) => {
      const KeyId = key.KeyId as string;
      const meta = await orMarker(
        "kms:DescribeKey",
        async () => (await kms.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata,
      );
      const described = meta && !("$unknown" in meta) ? meta : undefined;
      const symmetricCustomer =
        described?.KeyManager === "CUSTOMER" &&
        (described.KeySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT";
      const [rotation, policy] = await Promise.all([
        // Rotation only exists for symmetric keys; other key specs reject the call.
        symmetricCustomer || described?.KeyManager === "AWS"
          ? orMarker("kms:GetKeyRotationStatus", async () =>
              Boolean((await kms.send(new GetKeyRotationStatusCommand({ KeyId }))).KeyRotationEnabled),
            )
          : Promise.resolve(null),
        orMarker("kms:GetKeyPolicy", async () =>
          parsePolicy((await kms.send(new GetKeyPolicyCommand({ KeyId, PolicyName: "default" }))).Policy),
        ),
      ]);
      return ctx.resource({
        type: "aws.kms.key",
        id: key.KeyArn ?? ctx.arn("kms", region, `key/${KeyId}`),
        name: KeyId,
        region,
        source: "kms",
        properties: {
          keyId: KeyId,
          keyManager: described ? (described.KeyManager ?? null) : meta,
          keySpec: described?.KeySpec ?? null,
          keyUsage: described?.KeyUsage ?? null,
          keyState: described?.KeyState ?? null,
          keyRotationEnabled: rotation,
          aliases: aliases.get(KeyId) ?? [],
          policy,
        },
      });
    });
    for (const resource of resources) yield { resource };
  },
};

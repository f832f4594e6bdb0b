import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  type PublicAccessBlockConfiguration,
  paginateListBuckets,
  S3Client,
} from "@aws-sdk/client-s3";
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  S3ControlClient,
} from "@aws-sdk/client-s3-control";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, parsePolicy, tagMap } from "../context.js";
import { errorCode, orMarker } from "../errors.js";
import { mergeConcurrently } from "../limit.js";

/** Answers that mean "not configured", not a failure to read. */
const ABSENT = new Set([
  "NoSuchBucketPolicy",
  "NoSuchPublicAccessBlockConfiguration",
  "ServerSideEncryptionConfigurationNotFoundError",
  "OwnershipControlsNotFoundError",
  "NoSuchTagSet",
  "NoSuchTagSetError",
]);

/** Runs a read whose "not configured" error means null. */
async function optional<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (ABSENT.has(errorCode(error))) return null;
    throw error;
  }
}

const publicAccessBlock = (c: PublicAccessBlockConfiguration | undefined | null) =>
  c
    ? {
        blockPublicAcls: c.BlockPublicAcls === true,
        ignorePublicAcls: c.IgnorePublicAcls === true,
        blockPublicPolicy: c.BlockPublicPolicy === true,
        restrictPublicBuckets: c.RestrictPublicBuckets === true,
      }
    : null;

export const service: AwsService = {
  name: "s3",
  scope: "global",
  async *collect(ctx: AwsContext, home: string): AsyncIterable<ResourceItem> {
    // S3 Control prefixes the account id to the host name; a custom endpoint has no such names.
    const endpoint = ctx.settings.endpoint;
    const control = ctx.client(
      S3ControlClient,
      home,
      endpoint ? { endpointProvider: () => ({ url: new URL(endpoint) }), disableHostPrefix: true } : {},
    );
    const accountBlock = await orMarker("s3control:GetPublicAccessBlock", async () =>
      optional(async () => {
        const out = await control.send(new GetAccountPublicAccessBlockCommand({ AccountId: ctx.accountId }));
        return publicAccessBlock(out.PublicAccessBlockConfiguration);
      }),
    );
    const s3Options = { forcePathStyle: Boolean(ctx.settings.endpoint) };
    const listing = ctx.client(S3Client, home, s3Options);
    const names: string[] = [];
    try {
      for await (const page of paginateListBuckets({ client: listing }, {}))
        for (const bucket of page.Buckets ?? []) if (bucket.Name) names.push(bucket.Name);
    } catch (error) {
      yield* ctx.collectionFailed({
        type: "aws.s3.bucket",
        idPrefix: `arn:${ctx.partition}:s3:::`,
        source: "s3",
        operation: "s3:ListBuckets",
        error,
      });
      return;
    }
    const limiter = ctx.limiter("s3", home);
    // Buckets are described a bounded number at a time and yielded as each one is complete.
    const describe = async (name: string) => {
      const location = await limiter.run(() =>
        orMarker("s3:GetBucketLocation", async () => {
          const out = await listing.send(new GetBucketLocationCommand({ Bucket: name }));
          return out.LocationConstraint || "us-east-1";
        }),
      );
      const region = typeof location === "string" ? location : home;
      const s3 = ctx.client(S3Client, region, s3Options);
      const read = <T>(operation: string, call: () => Promise<T>) =>
        limiter.run(() => orMarker(`s3:${operation}`, () => optional(call)));
      const [policy, acl, block, encryption, versioning, logging, ownership, tags] = await Promise.all([
        read("GetBucketPolicy", async () =>
          parsePolicy((await s3.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy),
        ),
        read("GetBucketAcl", async () => {
          const out = await s3.send(new GetBucketAclCommand({ Bucket: name }));
          return {
            grants: (out.Grants ?? []).map((g) => ({
              grantee: {
                type: g.Grantee?.Type,
                ...(g.Grantee?.ID ? { id: g.Grantee.ID } : {}),
                ...(g.Grantee?.URI ? { uri: g.Grantee.URI } : {}),
                ...(g.Grantee?.EmailAddress ? { email: g.Grantee.EmailAddress } : {}),
              },
              permission: g.Permission,
            })),
          };
        }),
        read("GetPublicAccessBlock", async () =>
          publicAccessBlock(
            (await s3.send(new GetPublicAccessBlockCommand({ Bucket: name }))).PublicAccessBlockConfiguration,
          ),
        ),
        read("GetBucketEncryption", async () => {
          const out = await s3.send(new GetBucketEncryptionCommand({ Bucket: name }));
          return {
            rules: (out.ServerSideEncryptionConfiguration?.Rules ?? []).map((r) => ({
              algorithm: r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
              ...(r.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID
                ? { kmsKeyId: r.ApplyServerSideEncryptionByDefault.KMSMasterKeyID }
                : {}),
              bucketKeyEnabled: r.BucketKeyEnabled === true,
            })),
          };
        }),
        read("GetBucketVersioning", async () => {
          const out = await s3.send(new GetBucketVersioningCommand({ Bucket: name }));
          return { status: out.Status ?? "Disabled", mfaDelete: out.MFADelete ?? "Disabled" };
        }),
        read("GetBucketLogging", async () => {
          const out = await s3.send(new GetBucketLoggingCommand({ Bucket: name }));
          return out.LoggingEnabled
            ? {
                targetBucket: out.LoggingEnabled.TargetBucket,
                targetPrefix: out.LoggingEnabled.TargetPrefix ?? "",
              }
            : null;
        }),
        read("GetBucketOwnershipControls", async () => {
          const out = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: name }));
          return out.OwnershipControls?.Rules?.[0]?.ObjectOwnership ?? null;
        }),
        read("GetBucketTagging", async () =>
          tagMap((await s3.send(new GetBucketTaggingCommand({ Bucket: name }))).TagSet),
        ),
      ]);
      return ctx.resource({
        type: "aws.s3.bucket",
        id: `arn:${ctx.partition}:s3:::${name}`,
        name,
        region,
        source: "s3",
        tags: tags && !("$unknown" in tags) ? (tags as Record<string, string>) : {},
        properties: {
          publicAccessBlock: block,
          accountPublicAccessBlock: accountBlock,
          policy,
          acl,
          ownership,
          encryption,
          versioning,
          logging,
        },
      });
    };
    yield* mergeConcurrently(
      names.map(
        (name) =>
          async function* (): AsyncGenerator<ResourceItem> {
            yield { resource: await describe(name) };
          },
      ),
      ctx.concurrency * 4,
    );
  },
};

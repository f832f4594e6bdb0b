import {
  CloudFrontClient,
  type DistributionConfig,
  type DistributionSummary,
  GetDistributionConfigCommand,
  ListTagsForResourceCommand,
  paginateListDistributions,
} from "@aws-sdk/client-cloudfront";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, tagMap } from "../context.js";
import { isErrorMarker, orMarker } from "../errors.js";
import { missingField } from "./markers.js";

const TYPE = "aws.cloudfront.distribution";
const LIST = "cloudfront:ListDistributions";
const GET_CONFIG = "cloudfront:GetDistributionConfig";

/** The canonical properties, from the distribution's config. */
function fromConfig(config: DistributionConfig): Record<string, unknown> {
  const policies = [config.DefaultCacheBehavior, ...(config.CacheBehaviors?.Items ?? [])].map(
    (b) => b?.ViewerProtocolPolicy ?? missingField(GET_CONFIG, "ViewerProtocolPolicy"),
  );
  const certificate = config.ViewerCertificate;
  const logging = config.Logging;
  return {
    viewerProtocolPolicies: policies,
    // The *.cloudfront.net certificate accepts TLSv1 whatever the setting says (as in the IaC mappers);
    // without a ViewerCertificate block CloudFront serves that certificate.
    minimumProtocolVersion:
      !certificate || certificate.CloudFrontDefaultCertificate === true
        ? "TLSv1"
        : (certificate.MinimumProtocolVersion ?? "TLSv1"),
    webAclId: config.WebACLId || null,
    logging: logging?.Enabled === true ? { bucket: logging.Bucket || null } : null,
  };
}

/**
 * CloudFront is global: collected once per account through the home region.
 * Every property comes from the distribution's config (one GetDistributionConfig each), which
 * also holds standard logging, absent from the listing.
 */
export const service: AwsService = {
  name: "cloudfront",
  scope: "global",
  async *collect(ctx: AwsContext, home: string): AsyncIterable<ResourceItem> {
    const cloudfront = ctx.client(CloudFrontClient, home);
    const summaries: DistributionSummary[] = [];
    try {
      for await (const page of paginateListDistributions({ client: cloudfront, pageSize: 100 }, {}))
        summaries.push(...(page.DistributionList?.Items ?? []));
    } catch (error) {
      yield* ctx.collectionFailed({
        type: TYPE,
        idPrefix: ctx.arn("cloudfront", "", "distribution/"),
        source: "cloudfront",
        operation: LIST,
        error,
      });
      return;
    }
    const limiter = ctx.limiter("cloudfront", home);
    const resources = await Promise.all(
      summaries.map(async (d) => {
        const id = d.Id as string;
        const arn = d.ARN ?? ctx.arn("cloudfront", "", `distribution/${id}`);
        const [config, tags] = await Promise.all([
          limiter.run(() =>
            orMarker(GET_CONFIG, async () => {
              const out = await cloudfront.send(new GetDistributionConfigCommand({ Id: id }));
              if (!out.DistributionConfig) throw new Error("the answer holds no DistributionConfig");
              return fromConfig(out.DistributionConfig);
            }),
          ),
          limiter.run(() =>
            orMarker("cloudfront:ListTagsForResource", async () => {
              const out = await cloudfront.send(new ListTagsForResourceCommand({ Resource: arn }));
              return tagMap(out.Tags?.Items);
            }),
          ),
        ]);
        return ctx.resource({
          type: TYPE,
          id: arn,
          name: id,
          source: "cloudfront",
          tags: isErrorMarker(tags) ? {} : tags,
          properties: {
            distributionId: id,
            domainName: d.DomainName ?? null,
            ...(isErrorMarker(config)
              ? {
                  viewerProtocolPolicies: config,
                  minimumProtocolVersion: config,
                  webAclId: config,
                  logging: config,
                }
              : config),
          },
        });
      }),
    );
    for (const resource of resources) yield { resource };
  },
};

/** aws.cloudfront.distribution from AWS::CloudFront::Distribution. */
import { isUnknown } from "../../../../model/index.js";
import { bool, type CfnMapper, list, prop, tagsOf } from "./context.js";

export const cloudfrontDistributionMapper: CfnMapper = {
  canonicalType: "aws.cloudfront.distribution",
  cfnType: "AWS::CloudFront::Distribution",
  map(d, _companions, ctx) {
    const config = ["DistributionConfig"] as const;
    ctx.at("viewerProtocolPolicies", d, ...config, "DefaultCacheBehavior", "ViewerProtocolPolicy");
    ctx.at("minimumProtocolVersion", d, ...config, "ViewerCertificate");
    ctx.at("webAclId", d, ...config, "WebACLId");
    ctx.at("logging", d, ...config, "Logging");
    const behaviors = list(prop(d, ...config, "CacheBehaviors"));
    const ordered = isUnknown(behaviors)
      ? [behaviors]
      : behaviors.map((b) => (b as { ViewerProtocolPolicy?: unknown })?.ViewerProtocolPolicy ?? null);
    const certificate = prop(d, ...config, "ViewerCertificate");
    const defaultCertificate =
      certificate === undefined ||
      bool(prop(d, ...config, "ViewerCertificate", "CloudFrontDefaultCertificate"));
    const logging = prop(d, ...config, "Logging");
    const comment = prop(d, ...config, "Comment");
    return {
      name: typeof comment === "string" && comment !== "" ? comment : d.logicalId,
      properties: {
        viewerProtocolPolicies: [
          prop(d, ...config, "DefaultCacheBehavior", "ViewerProtocolPolicy") ?? null,
          ...ordered,
        ],
        // Without a ViewerCertificate the *.cloudfront.net certificate serves, which accepts TLSv1.
        minimumProtocolVersion: isUnknown(defaultCertificate)
          ? defaultCertificate
          : defaultCertificate === true
            ? "TLSv1"
            : (prop(d, ...config, "ViewerCertificate", "MinimumProtocolVersion") ?? "TLSv1"),
        webAclId: prop(d, ...config, "WebACLId") ?? null,
        logging: isUnknown(logging)
          ? logging
          : logging
            ? { bucket: prop(d, ...config, "Logging", "Bucket") ?? null }
            : null,
      },
      tags: tagsOf(prop(d, "Tags")),
    };
  },
};

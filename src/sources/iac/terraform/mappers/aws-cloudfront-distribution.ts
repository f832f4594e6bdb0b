/** aws.cloudfront.distribution from aws_cloudfront_distribution. */
import { isUnknown } from "../../../../model/index.js";
import { asBool, fields, first, nameOf, stringTags, type TfMapper } from "./common.js";

export const cloudfrontDistributionMapper: TfMapper = {
  canonicalType: "aws.cloudfront.distribution",
  parentTypes: ["aws_cloudfront_distribution"],
  companions: {},
  linkKeys: (d) => [d.values.id, d.values.arn],
  build(d, _companions, props) {
    const base = fields(d, props, [
      ["defaultPolicy", "default_cache_behavior.0.viewer_protocol_policy"],
      ["defaultCertificate", "viewer_certificate.0.cloudfront_default_certificate", false, asBool],
      // TLSv1 is both the provider's and CloudFront's default for a custom certificate.
      ["minimumProtocolVersion", "viewer_certificate.0.minimum_protocol_version", "TLSv1"],
      ["webAclId", "web_acl_id"],
      ["logging.bucket", "logging_config.0.bucket"],
    ]);
    props.add("viewerProtocolPolicies", d, "default_cache_behavior[0].viewer_protocol_policy");
    const ordered = d.values.ordered_cache_behavior;
    const orderedPolicies = isUnknown(ordered)
      ? [ordered]
      : (Array.isArray(ordered) ? ordered : ordered ? [ordered] : []).map(
          (b) => first(b)?.viewer_protocol_policy ?? null,
        );
    const defaultCertificate = base.defaultCertificate;
    const logging = d.values.logging_config;
    return {
      type: "aws.cloudfront.distribution",
      name: nameOf(d, "comment"),
      tags: stringTags(d.values.tags),
      properties: {
        viewerProtocolPolicies: [base.defaultPolicy, ...orderedPolicies],
        // The *.cloudfront.net certificate accepts TLSv1 whatever the setting says.
        minimumProtocolVersion: defaultCertificate === true ? "TLSv1" : base.minimumProtocolVersion,
        webAclId: base.webAclId === "" ? null : base.webAclId,
        logging: isUnknown(logging) ? logging : first(logging) ? { bucket: base["logging.bucket"] } : null,
      },
    };
  },
};

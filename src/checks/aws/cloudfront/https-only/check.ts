import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.cloudfront.https-only",
  title: "CloudFront distribution serves viewers over HTTPS only",
  description:
    "A cache behavior with viewer protocol policy `allow-all` answers plain HTTP, so content and cookies travel unencrypted between viewers and the edge.",
  severity: "medium",
  resourceTypes: ["aws.cloudfront.distribution"],
  remediation: "Set every cache behavior's viewer protocol policy to `redirect-to-https` or `https-only`.",
  references: [
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html",
  ],
  fixes: {
    terraform:
      'resource "aws_cloudfront_distribution" "example" {\n  default_cache_behavior {\n    viewer_protocol_policy = "redirect-to-https"\n  }\n}',
    cloudformation:
      "Type: AWS::CloudFront::Distribution\nProperties:\n  DistributionConfig:\n    DefaultCacheBehavior:\n      ViewerProtocolPolicy: redirect-to-https",
  },
  evaluate(resource) {
    const policies = resource.properties.viewerProtocolPolicies;
    if (isUnknown(policies) || !Array.isArray(policies))
      return notApplicable("the viewer protocol policies are not known", {
        path: "viewerProtocolPolicies",
        actual: policies ?? null,
      });
    const index = policies.indexOf("allow-all");
    if (index >= 0)
      return fail("a cache behavior serves plain HTTP (`allow-all`)", {
        path: `viewerProtocolPolicies[${index}]`,
        actual: "allow-all",
        expected: "redirect-to-https or https-only",
      });
    const unknownIndex = policies.findIndex(isUnknown);
    if (unknownIndex >= 0)
      return notApplicable("a viewer protocol policy is not known", {
        path: `viewerProtocolPolicies[${unknownIndex}]`,
        actual: policies[unknownIndex],
      });
    return pass("every cache behavior requires HTTPS", { path: "viewerProtocolPolicies", actual: policies });
  },
});

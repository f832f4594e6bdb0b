import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.cloudfront.waf",
  title: "CloudFront distribution is protected by AWS WAF",
  description:
    "A web ACL at the edge filters common exploits, bots and floods before they reach the origin; a public distribution without one passes every request through.",
  severity: "medium",
  resourceTypes: ["aws.cloudfront.distribution"],
  remediation: "Associate an AWS WAF web ACL (scope CLOUDFRONT) with the distribution (`web_acl_id`).",
  references: ["https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html"],
  fixes: {
    terraform:
      'resource "aws_cloudfront_distribution" "example" {\n  web_acl_id = aws_wafv2_web_acl.edge.arn\n}',
    cloudformation:
      "Type: AWS::CloudFront::Distribution\nProperties:\n  DistributionConfig:\n    WebACLId: !GetAtt EdgeAcl.Arn",
  },
  evaluate(resource) {
    const { webAclId } = resource.properties;
    if (isUnknown(webAclId))
      return notApplicable("the web ACL is not known", { path: "webAclId", actual: webAclId });
    return typeof webAclId === "string" && webAclId !== ""
      ? pass("a web ACL protects the distribution", { path: "webAclId", actual: webAclId })
      : fail("no web ACL protects the distribution", {
          path: "webAclId",
          actual: null,
          expected: "a web ACL",
        });
  },
});

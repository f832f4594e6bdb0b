import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

/** Security policies that still accept SSLv3, TLS 1.0, 1.1, or TLS 1.2 with weak ciphers. */
const WEAK = new Set(["SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018"]);

export default defineCheck({
  id: "aws.cloudfront.modern-tls",
  title: "CloudFront distribution requires TLSv1.2_2019 or later",
  description:
    "The viewer security policy sets the oldest protocol and ciphers viewers may use. Policies before TLSv1.2_2019 accept TLS 1.0/1.1 or CBC ciphers; the default *.cloudfront.net certificate always accepts TLSv1.",
  severity: "medium",
  resourceTypes: ["aws.cloudfront.distribution"],
  remediation:
    "Serve a custom ACM certificate with SNI and set `minimum_protocol_version` to `TLSv1.2_2021`.",
  references: [
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
  ],
  fixes: {
    terraform:
      'resource "aws_cloudfront_distribution" "example" {\n  viewer_certificate {\n    acm_certificate_arn      = aws_acm_certificate.site.arn\n    ssl_support_method       = "sni-only"\n    minimum_protocol_version = "TLSv1.2_2021"\n  }\n}',
    cloudformation:
      "Type: AWS::CloudFront::Distribution\nProperties:\n  DistributionConfig:\n    ViewerCertificate:\n      AcmCertificateArn: !Ref Certificate\n      SslSupportMethod: sni-only\n      MinimumProtocolVersion: TLSv1.2_2021",
  },
  evaluate(resource) {
    const version = resource.properties.minimumProtocolVersion;
    if (isUnknown(version))
      return notApplicable("the minimum protocol version is not known", {
        path: "minimumProtocolVersion",
        actual: version,
      });
    return typeof version === "string" && !WEAK.has(version)
      ? pass("viewers must use TLS 1.2 with modern ciphers", {
          path: "minimumProtocolVersion",
          actual: version,
        })
      : fail("viewers may connect with an old TLS version", {
          path: "minimumProtocolVersion",
          actual: version ?? null,
          expected: "TLSv1.2_2019 or later",
        });
  },
});

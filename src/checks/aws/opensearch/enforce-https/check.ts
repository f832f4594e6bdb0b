import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.opensearch.enforce-https",
  title: "OpenSearch domain requires HTTPS",
  description:
    "A domain that accepts plain HTTP lets credentials, queries and results cross the network unencrypted.",
  severity: "medium",
  resourceTypes: ["aws.opensearch.domain"],
  remediation:
    "Set `enforce_https = true` with a current `tls_security_policy` in `domain_endpoint_options`.",
  references: [
    "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html",
  ],
  fixes: {
    terraform:
      'resource "aws_opensearch_domain" "example" {\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n  }\n}',
    cloudformation:
      "Type: AWS::OpenSearchService::Domain\nProperties:\n  DomainEndpointOptions:\n    EnforceHTTPS: true\n    TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07",
  },
  evaluate(resource) {
    const block = resource.properties.domainEndpointOptions as Record<string, unknown> | undefined;
    const enabled = block?.enforceHTTPS;
    if (isUnknown(enabled))
      return notApplicable("whether HTTPS enforcement is on is not known", {
        path: "domainEndpointOptions.enforceHTTPS",
        actual: enabled,
      });
    return enabled === true
      ? pass("HTTPS enforcement is on", { path: "domainEndpointOptions.enforceHTTPS", actual: true })
      : fail("HTTPS enforcement is off", {
          path: "domainEndpointOptions.enforceHTTPS",
          actual: enabled ?? null,
          expected: true,
        });
  },
});

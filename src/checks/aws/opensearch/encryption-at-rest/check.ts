import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.opensearch.encryption-at-rest",
  title: "OpenSearch domain encrypts data at rest",
  description:
    "Indices, logs, swap and automated snapshots of a domain hold the searched data; at-rest encryption keeps them encrypted with a KMS key.",
  severity: "medium",
  resourceTypes: ["aws.opensearch.domain"],
  remediation:
    "Enable encryption at rest (`encrypt_at_rest { enabled = true }`). Existing domains may need a blue/green update.",
  references: [
    "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html",
  ],
  fixes: {
    terraform:
      'resource "aws_opensearch_domain" "example" {\n  encrypt_at_rest {\n    enabled = true\n  }\n}',
    cloudformation:
      "Type: AWS::OpenSearchService::Domain\nProperties:\n  EncryptionAtRestOptions:\n    Enabled: true",
  },
  evaluate(resource) {
    const block = resource.properties.encryptionAtRest as Record<string, unknown> | undefined;
    const enabled = block?.enabled;
    if (isUnknown(enabled))
      return notApplicable("whether encryption at rest is on is not known", {
        path: "encryptionAtRest.enabled",
        actual: enabled,
      });
    return enabled === true
      ? pass("encryption at rest is on", { path: "encryptionAtRest.enabled", actual: true })
      : fail("encryption at rest is off", {
          path: "encryptionAtRest.enabled",
          actual: enabled ?? null,
          expected: true,
        });
  },
});

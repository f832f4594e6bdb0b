import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.opensearch.node-to-node-encryption",
  title: "OpenSearch domain encrypts traffic between nodes",
  description:
    "Without node-to-node encryption, data moves between the nodes of the domain in clear text inside the VPC or AWS network.",
  severity: "medium",
  resourceTypes: ["aws.opensearch.domain"],
  remediation: "Enable node-to-node encryption (`node_to_node_encryption { enabled = true }`).",
  references: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html"],
  fixes: {
    terraform:
      'resource "aws_opensearch_domain" "example" {\n  node_to_node_encryption {\n    enabled = true\n  }\n}',
    cloudformation:
      "Type: AWS::OpenSearchService::Domain\nProperties:\n  NodeToNodeEncryptionOptions:\n    Enabled: true",
  },
  evaluate(resource) {
    const block = resource.properties.nodeToNodeEncryption as Record<string, unknown> | undefined;
    const enabled = block?.enabled;
    if (isUnknown(enabled))
      return notApplicable("whether node-to-node encryption is on is not known", {
        path: "nodeToNodeEncryption.enabled",
        actual: enabled,
      });
    return enabled === true
      ? pass("node-to-node encryption is on", { path: "nodeToNodeEncryption.enabled", actual: true })
      : fail("node-to-node encryption is off", {
          path: "nodeToNodeEncryption.enabled",
          actual: enabled ?? null,
          expected: true,
        });
  },
});

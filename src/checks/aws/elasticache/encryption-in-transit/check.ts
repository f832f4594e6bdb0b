import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.elasticache.encryption-in-transit",
  title: "ElastiCache replication group encrypts traffic in transit",
  description:
    "Without TLS, clients and replicas exchange data and AUTH tokens in clear text that anyone on the network path can read or alter.",
  severity: "medium",
  resourceTypes: ["aws.elasticache.replication-group"],
  remediation: "Set `transit_encryption_enabled = true` and connect clients over TLS.",
  references: ["https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html"],
  fixes: {
    terraform:
      'resource "aws_elasticache_replication_group" "example" {\n  transit_encryption_enabled = true\n}',
    cloudformation: "Type: AWS::ElastiCache::ReplicationGroup\nProperties:\n  TransitEncryptionEnabled: true",
  },
  evaluate(resource) {
    const enabled = resource.properties.transitEncryptionEnabled;
    if (isUnknown(enabled))
      return notApplicable("whether in-transit encryption is on is not known", {
        path: "transitEncryptionEnabled",
        actual: enabled,
      });
    return enabled === true
      ? pass("traffic is encrypted in transit", { path: "transitEncryptionEnabled", actual: true })
      : fail("traffic is not encrypted in transit", {
          path: "transitEncryptionEnabled",
          actual: enabled ?? null,
          expected: true,
        });
  },
});

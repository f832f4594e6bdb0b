import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.elasticache.encryption-at-rest",
  title: "ElastiCache replication group encrypts data at rest",
  description:
    "Cached data, snapshots and swap often hold session tokens or personal data; at-rest encryption keeps them encrypted on disk and in backups.",
  severity: "medium",
  resourceTypes: ["aws.elasticache.replication-group"],
  remediation:
    "Set `at_rest_encryption_enabled = true`. It can only be set when the group is created, so create a new group and migrate.",
  references: ["https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html"],
  fixes: {
    terraform:
      'resource "aws_elasticache_replication_group" "example" {\n  at_rest_encryption_enabled = true\n}',
    cloudformation: "Type: AWS::ElastiCache::ReplicationGroup\nProperties:\n  AtRestEncryptionEnabled: true",
  },
  evaluate(resource) {
    const enabled = resource.properties.atRestEncryptionEnabled;
    if (isUnknown(enabled))
      return notApplicable("whether at-rest encryption is on is not known", {
        path: "atRestEncryptionEnabled",
        actual: enabled,
      });
    return enabled === true
      ? pass("data is encrypted at rest", { path: "atRestEncryptionEnabled", actual: true })
      : fail("data is not encrypted at rest", {
          path: "atRestEncryptionEnabled",
          actual: enabled ?? null,
          expected: true,
        });
  },
});

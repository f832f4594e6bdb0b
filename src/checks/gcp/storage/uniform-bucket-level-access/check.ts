import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.storage.uniform-bucket-level-access",
  title: "Cloud Storage bucket uses uniform bucket-level access",
  description:
    "Without uniform bucket-level access, per-object ACLs can grant access that the bucket's IAM policy does not show.",
  severity: "medium",
  resourceTypes: ["gcp.storage.bucket"],
  remediation: "Enable uniform bucket-level access on the bucket.",
  references: ["https://cloud.google.com/storage/docs/uniform-bucket-level-access"],
  fixes: { terraform: 'resource "google_storage_bucket" "b" {\n  uniform_bucket_level_access = true\n}' },
  evaluate(resource) {
    const path = "iamConfiguration.uniformBucketLevelAccess.enabled";
    const enabled = getPath(resource.properties, path);
    return enabled === true
      ? pass("uniform bucket-level access is enabled", { path, actual: enabled })
      : fail("uniform bucket-level access is not enabled", { path, actual: enabled ?? null, expected: true });
  },
});

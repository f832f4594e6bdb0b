import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.storage.versioning-enabled",
  title: "Cloud Storage bucket has object versioning",
  description: "Versioning keeps overwritten and deleted objects, so a mistake or ransomware can be undone.",
  severity: "low",
  resourceTypes: ["gcp.storage.bucket"],
  remediation: "Enable object versioning on the bucket.",
  references: ["https://cloud.google.com/storage/docs/object-versioning"],
  evaluate(resource) {
    const path = "versioning.enabled";
    const enabled = getPath(resource.properties, path);
    return enabled === true
      ? pass("object versioning is enabled", { path, actual: enabled })
      : fail("object versioning is not enabled", { path, actual: enabled ?? null, expected: true });
  },
});

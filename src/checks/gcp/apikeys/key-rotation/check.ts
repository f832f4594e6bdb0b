import { getPath } from "../../../../model/index.js";
import { defineCheck } from "../../../check.js";
import { ageResult } from "../../../lib/age.js";

const LIMIT_DAYS = 90;

export default defineCheck({
  id: "gcp.apikeys.key-rotation",
  title: "API keys are rotated every 90 days or less",
  description:
    "An API key is a bearer secret often embedded in apps and pages; rotating it limits how long a leaked key works (CIS GCP 1.16). The age is taken at collection time.",
  severity: "medium",
  resourceTypes: ["gcp.apikeys.key"],
  remediation:
    "Create a new key with the same restrictions, move the applications to it, then delete the old key (gcloud services api-keys delete).",
  references: ["https://cloud.google.com/docs/authentication/api-keys#securing"],
  evaluate(resource) {
    return ageResult(
      resource,
      "createTime",
      getPath(resource.properties, "createTime"),
      LIMIT_DAYS,
      "the key",
    );
  },
});

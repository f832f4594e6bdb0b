import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, notApplicable } from "../../../check.js";
import { ageResult } from "../../../lib/age.js";

const LIMIT_DAYS = 90;

export default defineCheck({
  id: "gcp.iam.service-account-key-rotation",
  title: "User-managed service account keys are rotated every 90 days or less",
  description:
    "A user-managed key lives until someone deletes it; the older it is, the more places it may have leaked to (CIS GCP 1.8). The age is taken at collection time.",
  severity: "medium",
  resourceTypes: ["gcp.iam.service-account-key"],
  remediation:
    "Create a new key, move its users to it, then delete the old key (gcloud iam service-accounts keys delete); better, drop user-managed keys altogether.",
  references: ["https://cloud.google.com/iam/docs/key-rotation"],
  evaluate(resource) {
    const type = getPath(resource.properties, "keyType");
    if (isUnknown(type)) return notApplicable("keyType is not known", { path: "keyType", actual: type });
    // Google rotates its own keys; only downloaded keys need rotating by people.
    if (type !== "USER_MANAGED")
      return notApplicable("the key is managed by Google", { path: "keyType", actual: type ?? null });
    if (getPath(resource.properties, "disabled") === true)
      return notApplicable("the key is disabled", { path: "disabled", actual: true });
    // Cloud Asset gives no createTime for keys; a key becomes valid when it is created.
    return ageResult(
      resource,
      "validAfterTime",
      getPath(resource.properties, "validAfterTime"),
      LIMIT_DAYS,
      "the key",
    );
  },
});

import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { daysBetween, isRecord, observedAt } from "../../shared/read.js";

const LIMIT_DAYS = 90;

export default defineCheck({
  id: "aws.iam.access-key-rotation",
  title: "IAM access keys are rotated every 90 days or less",
  description:
    "Old keys have had the longest time to leak; active keys older than 90 days must be rotated (CIS AWS 2.12).",
  severity: "medium",
  resourceTypes: ["aws.iam.user"],
  remediation: "Create a new access key, move its users to it, then deactivate and delete the old key.",
  evaluate(resource) {
    const now = observedAt(resource);
    if (!now) return notApplicable("the observation time is not known (not a live resource)", { path: "" });
    const keys = resource.properties.accessKeys;
    if (isUnknown(keys))
      return notApplicable("access keys are not known", { path: "accessKeys", actual: keys });
    const results: CheckResult[] = [];
    (Array.isArray(keys) ? keys : []).forEach((key, i) => {
      if (!isRecord(key) || key.status !== "Active") return;
      const keyId = String(key.accessKeyId);
      const path = `accessKeys[${i}].createDate`;
      const age = daysBetween(key.createDate, now);
      if (age === undefined)
        results.push(
          notApplicable("the key's age is not known", { path, actual: key.createDate ?? null }, keyId),
        );
      else if (age > LIMIT_DAYS)
        results.push(
          fail(
            `active access key ${keyId} is ${age} days old`,
            { path, actual: key.createDate, expected: `at most ${LIMIT_DAYS} days old` },
            keyId,
          ),
        );
      else
        results.push(pass(`access key ${keyId} is ${age} days old`, { path, actual: key.createDate }, keyId));
    });
    return results.length > 0
      ? results
      : notApplicable("the user has no active access key", { path: "accessKeys", actual: keys ?? [] });
  },
});

import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { daysBetween, isRecord, observedAt } from "../../shared/read.js";

const LIMIT_DAYS = 45;

export default defineCheck({
  id: "aws.iam.unused-credentials",
  title: "IAM credentials unused for 45 days or more are disabled",
  description:
    "A password or active access key nobody has used for 45 days is a credential nobody watches (CIS AWS 2.11). Never-used credentials count from their creation.",
  severity: "medium",
  resourceTypes: ["aws.iam.user"],
  remediation:
    "Remove the console password and deactivate (then delete) access keys that have not been used for 45 days.",
  evaluate(resource) {
    const now = observedAt(resource);
    if (!now) return notApplicable("the observation time is not known (not a live resource)", { path: "" });
    const p = resource.properties;
    const results: CheckResult[] = [];
    if (isUnknown(p.passwordEnabled))
      results.push(
        notApplicable("password state is not known", { path: "passwordEnabled", actual: p.passwordEnabled }),
      );
    else if (p.passwordEnabled === true) {
      const idle = daysBetween(p.passwordLastUsed ?? p.createDate, now);
      if (idle === undefined)
        results.push(
          notApplicable("password use is not known", {
            path: "passwordLastUsed",
            actual: p.passwordLastUsed ?? null,
          }),
        );
      else if (idle >= LIMIT_DAYS)
        results.push(
          fail(
            `the console password has not been used for ${idle} days`,
            {
              path: "passwordLastUsed",
              actual: p.passwordLastUsed ?? null,
              expected: `used within ${LIMIT_DAYS} days or removed`,
            },
            "password",
          ),
        );
      else
        results.push(
          pass(
            `the console password was used ${idle} days ago`,
            { path: "passwordLastUsed", actual: p.passwordLastUsed ?? null },
            "password",
          ),
        );
    }
    if (isUnknown(p.accessKeys))
      results.push(notApplicable("access keys are not known", { path: "accessKeys", actual: p.accessKeys }));
    else if (Array.isArray(p.accessKeys))
      p.accessKeys.forEach((key, i) => {
        if (!isRecord(key) || key.status !== "Active") return;
        const path = `accessKeys[${i}].lastUsedDate`;
        if (isUnknown(key.lastUsedDate)) {
          results.push(notApplicable("key use is not known", { path, actual: key.lastUsedDate }));
          return;
        }
        const idle = daysBetween(key.lastUsedDate ?? key.createDate, now);
        const keyId = String(key.accessKeyId);
        if (idle === undefined)
          results.push(
            notApplicable("key use is not known", { path, actual: key.lastUsedDate ?? null }, keyId),
          );
        else if (idle >= LIMIT_DAYS)
          results.push(
            fail(
              `active access key ${keyId} has not been used for ${idle} days`,
              {
                path,
                actual: key.lastUsedDate ?? null,
                expected: `used within ${LIMIT_DAYS} days or inactive`,
              },
              keyId,
            ),
          );
        else
          results.push(
            pass(
              `access key ${keyId} was used ${idle} days ago`,
              { path, actual: key.lastUsedDate ?? null },
              keyId,
            ),
          );
      });
    return results.length > 0
      ? results
      : pass("the user has no password and no active access key", {
          path: "accessKeys",
          actual: p.accessKeys ?? [],
        });
  },
});

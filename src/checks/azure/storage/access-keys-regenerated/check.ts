import { getPath, isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, notApplicable } from "../../../check.js";
import { ageResult } from "../../../lib/age.js";

const LIMIT_DAYS = 90;

export default defineCheck({
  id: "azure.storage.access-keys-regenerated",
  title: "Storage account access keys are regenerated every 90 days or less",
  description:
    "An account key grants full access to all the account's data; regenerating both keys periodically limits how long a leaked key works (CIS Azure 9.3.1.2). The age is taken at collection time.",
  severity: "medium",
  resourceTypes: ["azure.storage.account"],
  remediation:
    "Regenerate key1 and key2 in turn after moving clients to the other key (az storage account keys renew), or disable shared key access.",
  references: ["https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage"],
  evaluate(resource) {
    const times = getPath(resource.properties, "keyCreationTime");
    if (isUnknown(times))
      return notApplicable("the key creation times are not known", {
        path: "keyCreationTime",
        actual: times,
      });
    // Accounts created before Azure recorded key creation times report none.
    if (times === null || times === undefined || typeof times !== "object")
      return notApplicable("Azure reports no key creation time for this account", {
        path: "keyCreationTime",
        actual: times ?? null,
      });
    const results: CheckResult[] = ["key1", "key2"].map((key) =>
      ageResult(
        resource,
        `keyCreationTime.${key}`,
        (times as Record<string, unknown>)[key],
        LIMIT_DAYS,
        `access key ${key}`,
        key,
      ),
    );
    return results;
  },
});

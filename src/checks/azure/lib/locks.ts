import { isUnknown, type Resource } from "../../../model/index.js";
import { type Check, defineCheck, fail, notApplicable, pass } from "../../check.js";

interface Lock {
  name?: unknown;
  level?: unknown;
  scope?: unknown;
}

/**
 * A storage account must carry a management lock of one of `levels` (its own,
 * or inherited from its resource group or subscription); `locks` is filled by
 * the live source and snapshots from `Microsoft.Authorization/locks`.
 */
export function storageLockCheck(options: {
  id: string;
  title: string;
  description: string;
  levels: string[];
  label: string;
  remediation: string;
  severity?: "low" | "medium";
}): Check {
  return defineCheck({
    id: options.id,
    title: options.title,
    description: options.description,
    severity: options.severity ?? "low",
    resourceTypes: ["azure.storage.account"],
    remediation: options.remediation,
    references: ["https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/lock-resources"],
    evaluate(resource: Resource) {
      const path = "locks";
      const value = resource.properties.locks;
      if (isUnknown(value))
        return notApplicable("the management locks are not known", { path, actual: value });
      if (!Array.isArray(value))
        return notApplicable("management locks are not reported by this source", { path });
      const match = (value as Lock[]).find(
        (l) => typeof l?.level === "string" && options.levels.includes(l.level),
      );
      if (match)
        return pass(`${String(match.level)} lock ${String(match.name)} applies`, { path, actual: value });
      return fail(`no ${options.label} lock applies to the account`, {
        path,
        actual: value,
        expected: `a ${options.levels.join(" or ")} lock on the account, its resource group or subscription`,
      });
    },
  });
}

import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.network.flow-log-retention",
  title: "Flow logs are kept at least 90 days",
  description:
    "Network and virtual network flow logs kept for 90 days or more cover the time it usually takes to notice a breach.",
  severity: "low",
  resourceTypes: ["azure.network.flow-log"],
  remediation: "Set the flow log's retention to 0 (keep forever) or 90 days or more.",
  references: ["https://learn.microsoft.com/en-us/azure/network-watcher/vnet-flow-logs-overview"],
  evaluate(resource) {
    const value = getPath(resource.properties, "retentionPolicy");
    if (isUnknown(value))
      return notApplicable("retentionPolicy is not known", { path: "retentionPolicy", actual: value });
    const policy = (value ?? {}) as { enabled?: unknown; days?: unknown };
    const days = typeof policy.days === "number" ? policy.days : 0;
    if (policy.enabled !== true || days === 0 || days >= 90)
      return pass(
        policy.enabled === true && days > 0
          ? `logs are kept ${days} days`
          : "logs are kept without a deletion policy",
        { path: "retentionPolicy", actual: value },
      );
    return fail(`logs are kept only ${days} days`, {
      path: "retentionPolicy.days",
      actual: days,
      expected: ">= 90 or 0",
    });
  },
});

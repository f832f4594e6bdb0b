import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

const GOOD = {
  enable: true,
  aggregationInterval: "INTERVAL_5_SEC",
  flowSampling: 1,
  metadata: "INCLUDE_ALL_METADATA",
};

export default defineCheck({
  id: "gcp.network.subnet-flow-logs",
  title: "Subnet records every flow with full metadata (VPC Flow Logs)",
  description:
    "Flow logs at a 5-second interval, full sampling and all metadata, unfiltered, are what an investigation of network traffic needs.",
  severity: "low",
  resourceTypes: ["gcp.compute.subnetwork"],
  remediation:
    "Enable flow logs on the subnet with --logging-aggregation-interval=interval-5-sec --logging-flow-sampling=1 --logging-metadata=include-all and no filter.",
  references: ["https://cloud.google.com/vpc/docs/using-flow-logs"],
  evaluate(resource) {
    const value = getPath(resource.properties, "logConfig");
    if (isUnknown(value))
      return notApplicable("logConfig is not known", { path: "logConfig", actual: value });
    const purpose = getPath(resource.properties, "purpose");
    if (purpose !== undefined && purpose !== null && purpose !== "PRIVATE" && purpose !== "PRIVATE_RFC_1918")
      return notApplicable(`subnets with purpose ${String(purpose)} do not support flow logs`, {
        path: "purpose",
        actual: purpose,
      });
    const log = (value ?? {}) as {
      enable?: unknown;
      aggregationInterval?: unknown;
      flowSampling?: unknown;
      metadata?: unknown;
      filterExpr?: unknown;
    };
    const enabled = log.enable === true || getPath(resource.properties, "enableFlowLogs") === true;
    if (!enabled)
      return fail("flow logs are off", {
        path: "logConfig.enable",
        actual: log.enable ?? null,
        expected: true,
      });
    const problems: string[] = [];
    if ((log.aggregationInterval ?? "INTERVAL_5_SEC") !== "INTERVAL_5_SEC")
      problems.push(`interval ${String(log.aggregationInterval)}`);
    if ((log.flowSampling ?? 0.5) !== 1) problems.push(`sampling ${String(log.flowSampling ?? 0.5)}`);
    if ((log.metadata ?? "INCLUDE_ALL_METADATA") !== "INCLUDE_ALL_METADATA")
      problems.push(`metadata ${String(log.metadata)}`);
    if (typeof log.filterExpr === "string" && log.filterExpr !== "" && log.filterExpr !== "true")
      problems.push("a filter");
    if (problems.length === 0)
      return pass("flow logs record every flow with all metadata", { path: "logConfig", actual: value });
    return fail(`flow logs are on but with ${problems.join(", ")}`, {
      path: "logConfig",
      actual: value,
      expected: GOOD,
    });
  },
});

import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.network.dns-logging",
  title: "Cloud DNS logging is enabled for the VPC network",
  description:
    "DNS query logs show which names workloads resolve, which exposes malware callbacks and data exfiltration over DNS (CIS GCP 2.13). Logging is a setting of a DNS server policy bound to the network.",
  severity: "low",
  resourceTypes: ["gcp.compute.network"],
  remediation:
    "Bind a DNS server policy with logging to the network (gcloud dns policies create NAME --networks=NETWORK --enable-logging, or update the existing policy).",
  references: ["https://cloud.google.com/dns/docs/monitoring"],
  evaluate(resource) {
    const policies = getPath(resource.properties, "dnsPolicies");
    if (isUnknown(policies))
      return notApplicable("the DNS policies are not known", { path: "dnsPolicies", actual: policies });
    if (policies === undefined)
      return notApplicable("the source does not give DNS policies", { path: "dnsPolicies" });
    const list = Array.isArray(policies) ? (policies as { name?: unknown; enableLogging?: unknown }[]) : [];
    const logging = list.find((p) => p?.enableLogging === true);
    if (logging)
      return pass(`DNS policy ${String(logging.name)} logs queries`, { path: "dnsPolicies", actual: list });
    return fail(
      list.length === 0
        ? "no DNS server policy is bound to the network"
        : "no DNS server policy bound to the network enables logging",
      { path: "dnsPolicies", actual: list, expected: "a bound policy with enableLogging: true" },
    );
  },
});

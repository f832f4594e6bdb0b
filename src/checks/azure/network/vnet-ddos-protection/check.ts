import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.network.vnet-ddos-protection",
  title: "Virtual network has DDoS Network Protection",
  description:
    "DDoS Network Protection adds adaptive tuning, attack telemetry and cost protection beyond the platform's basic DDoS defense.",
  severity: "low",
  resourceTypes: ["azure.network.vnet"],
  remediation: "Enable DDoS Network Protection on the virtual network with a DDoS protection plan.",
  references: ["https://learn.microsoft.com/en-us/azure/ddos-protection/ddos-protection-overview"],
  evaluate(resource) {
    const value = getPath(resource.properties, "enableDdosProtection");
    if (isUnknown(value))
      return notApplicable("enableDdosProtection is not known", {
        path: "enableDdosProtection",
        actual: value,
      });
    if (value === true)
      return pass("DDoS Network Protection is enabled", { path: "enableDdosProtection", actual: true });
    return fail("DDoS Network Protection is not enabled", {
      path: "enableDdosProtection",
      actual: value ?? null,
      expected: true,
    });
  },
});

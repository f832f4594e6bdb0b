import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.databricks.no-public-ip",
  title: "Databricks workspace uses secure cluster connectivity (no public IP)",
  description: "With secure cluster connectivity the cluster nodes have no public IP addresses.",
  severity: "medium",
  resourceTypes: ["azure.databricks.workspace"],
  remediation: "Set enableNoPublicIp to true (secure cluster connectivity).",
  references: [
    "https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/secure-cluster-connectivity",
  ],
  evaluate(resource) {
    const value = getPath(resource.properties, "enableNoPublicIp");
    if (isUnknown(value))
      return notApplicable("enableNoPublicIp is not known", { path: "enableNoPublicIp", actual: value });
    if (value === true)
      return pass("cluster nodes have no public IP", { path: "enableNoPublicIp", actual: value });
    return fail("cluster nodes get public IPs", {
      path: "enableNoPublicIp",
      actual: value ?? null,
      expected: true,
    });
  },
});

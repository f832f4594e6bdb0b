import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.databricks.public-network-disabled",
  title: "Databricks workspace disables public network access",
  description:
    "With public network access disabled the workspace is reachable only through private endpoints.",
  severity: "medium",
  resourceTypes: ["azure.databricks.workspace"],
  remediation: "Set publicNetworkAccess to Disabled.",
  references: ["https://learn.microsoft.com/en-us/azure/databricks/security/network/front-end/"],
  evaluate(resource) {
    const value = getPath(resource.properties, "publicNetworkAccess");
    if (isUnknown(value))
      return notApplicable("publicNetworkAccess is not known", {
        path: "publicNetworkAccess",
        actual: value,
      });
    if (value === "Disabled")
      return pass("public network access is disabled", { path: "publicNetworkAccess", actual: value });
    return fail("public network access is enabled", {
      path: "publicNetworkAccess",
      actual: value ?? null,
      expected: "Disabled",
    });
  },
});

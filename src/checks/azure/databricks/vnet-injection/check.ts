import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.databricks.vnet-injection",
  title: "Databricks workspace is deployed in a customer-managed virtual network",
  description:
    "VNet injection puts the clusters in a network the organization controls, with its own NSGs, routes and private connectivity.",
  severity: "medium",
  resourceTypes: ["azure.databricks.workspace"],
  remediation: "Redeploy the workspace with VNet injection (customVirtualNetworkId).",
  references: ["https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/vnet-inject"],
  evaluate(resource) {
    const value = getPath(resource.properties, "customVirtualNetworkId");
    if (isUnknown(value))
      return notApplicable("customVirtualNetworkId is not known", {
        path: "customVirtualNetworkId",
        actual: value,
      });
    if (typeof value === "string" && value !== "")
      return pass("the workspace uses a customer-managed virtual network", {
        path: "customVirtualNetworkId",
        actual: value,
      });
    return fail("the workspace uses the Databricks-managed virtual network", {
      path: "customVirtualNetworkId",
      actual: value ?? null,
      expected: "a virtual network id",
    });
  },
});

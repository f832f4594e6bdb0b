import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.databricks.subnet-nsg",
  title: "The subnets of a VNet-injected Databricks workspace have a network security group",
  description:
    "Databricks clusters run in the workspace's public and private subnets; without an NSG on each, their traffic is not filtered (CIS Azure 2.1.2).",
  severity: "medium",
  resourceTypes: ["azure.databricks.workspace"],
  remediation:
    "Associate a network security group with both subnets delegated to Microsoft.Databricks/workspaces (az network vnet subnet update --network-security-group).",
  references: ["https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/vnet-inject"],
  evaluate(resource) {
    const subnets = getPath(resource.properties, "injectedSubnets");
    if (isUnknown(subnets))
      return notApplicable("the workspace's subnets are not known", {
        path: "injectedSubnets",
        actual: subnets,
      });
    // Without VNet injection Databricks manages the network (azure.databricks.vnet-injection reports that).
    if (!Array.isArray(subnets))
      return notApplicable("the workspace is not VNet-injected", {
        path: "injectedSubnets",
        actual: subnets ?? null,
      });
    return (subnets as { name?: unknown; networkSecurityGroup?: unknown }[]).map((subnet, i) => {
      const name = String(subnet?.name);
      const path = `injectedSubnets[${i}].networkSecurityGroup`;
      const nsg = subnet?.networkSecurityGroup;
      if (isUnknown(nsg)) return notApplicable(`subnet ${name} is not known`, { path, actual: nsg }, name);
      return typeof nsg === "string" && nsg !== ""
        ? pass(`subnet ${name} has NSG ${nsg.split("/").pop()}`, { path, actual: nsg }, name)
        : fail(
            `subnet ${name} has no network security group`,
            { path, actual: nsg ?? null, expected: "an NSG id" },
            name,
          );
    });
  },
});

import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.network.bastion-exists",
  title: "The subscription has an Azure Bastion host",
  description:
    "Azure Bastion gives browser-based RDP and SSH without public IPs or open management ports on virtual machines.",
  severity: "low",
  resourceTypes: ["azure.subscription"],
  remediation: "Deploy an Azure Bastion host in the virtual network that holds the virtual machines.",
  references: ["https://learn.microsoft.com/en-us/azure/bastion/bastion-overview"],
  evaluate(resource) {
    const value = getPath(resource.properties, "bastionHostCount");
    if (isUnknown(value))
      return notApplicable("bastionHostCount is not known", { path: "bastionHostCount", actual: value });
    if (value === undefined || value === null)
      return notApplicable("bastionHostCount is not reported by this source", { path: "bastionHostCount" });
    if (typeof value === "number" && value > 0)
      return pass(`${value} Bastion host(s)`, { path: "bastionHostCount", actual: value });
    return fail("no Azure Bastion host", {
      path: "bastionHostCount",
      actual: value,
      expected: "at least one",
    });
  },
});

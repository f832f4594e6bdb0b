import { defineCheck } from "../../../check.js";
import { internetIngress } from "../../lib/nsg.js";

export default defineCheck({
  id: "azure.network.nsg-all-ports-from-internet",
  title: "Network security group does not open every port to the internet",
  description:
    "An inbound rule from the internet to all ports exposes every service on the attached machines.",
  severity: "critical",
  resourceTypes: ["azure.network.nsg"],
  remediation:
    "Remove the inbound Allow rule from Internet/* to all ports, or restrict its source to known address ranges; use Azure Bastion or just-in-time access for administration.",
  references: ["https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview"],
  fixes: {
    arm: '"sourceAddressPrefix": "10.0.0.0/16", "destinationPortRange": "443"',
    terraform: 'source_address_prefix = "10.0.0.0/16"',
  },
  evaluate(resource) {
    return internetIngress(resource, "all", "all ports");
  },
});

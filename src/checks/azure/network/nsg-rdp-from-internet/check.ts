import { defineCheck } from "../../../check.js";
import { internetIngress } from "../../lib/nsg.js";

export default defineCheck({
  id: "azure.network.nsg-rdp-from-internet",
  title: "Network security group allows no RDP from the internet",
  description:
    "An inbound rule that lets the internet reach port 3389 exposes Windows machines to brute force and RDP exploits.",
  severity: "high",
  resourceTypes: ["azure.network.nsg"],
  remediation:
    "Remove the inbound Allow rule from Internet/* to RDP (3389), or restrict its source to known address ranges; use Azure Bastion or just-in-time access for administration.",
  references: ["https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview"],
  fixes: {
    arm: '"sourceAddressPrefix": "10.0.0.0/16", "destinationPortRange": "3389"',
    terraform: 'source_address_prefix = "10.0.0.0/16"',
  },
  evaluate(resource) {
    return internetIngress(resource, [3389], "RDP (3389)");
  },
});

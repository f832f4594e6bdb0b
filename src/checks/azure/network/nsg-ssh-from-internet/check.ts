import { defineCheck } from "../../../check.js";
import { internetIngress } from "../../lib/nsg.js";

export default defineCheck({
  id: "azure.network.nsg-ssh-from-internet",
  title: "Network security group allows no SSH from the internet",
  description:
    "An inbound rule that lets the internet reach port 22 exposes virtual machines to password guessing and SSH exploits.",
  severity: "high",
  resourceTypes: ["azure.network.nsg"],
  remediation:
    "Remove the inbound Allow rule from Internet/* to SSH (22), or restrict its source to known address ranges; use Azure Bastion or just-in-time access for administration.",
  references: ["https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview"],
  fixes: {
    arm: '"sourceAddressPrefix": "10.0.0.0/16", "destinationPortRange": "22"',
    terraform: 'source_address_prefix = "10.0.0.0/16"',
  },
  evaluate(resource) {
    return internetIngress(resource, [22], "SSH (22)");
  },
});

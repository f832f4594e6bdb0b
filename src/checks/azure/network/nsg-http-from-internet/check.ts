import { defineCheck } from "../../../check.js";
import { internetIngress } from "../../lib/nsg.js";

export default defineCheck({
  id: "azure.network.nsg-http-from-internet",
  title: "NSG does not allow HTTP or HTTPS (ports 80, 443) from the internet",
  description:
    "Web ports open to the whole internet on virtual machines bypass a web application firewall or load balancer in front of them.",
  severity: "medium",
  resourceTypes: ["azure.network.nsg"],
  remediation:
    "Restrict the source of inbound rules on ports 80 and 443 to a load balancer, Application Gateway or known ranges.",
  references: ["https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview"],
  fixes: {
    arm: '"sourceAddressPrefix": "AzureLoadBalancer"',
    terraform: 'source_address_prefix = "AzureLoadBalancer"',
  },
  evaluate(resource) {
    return internetIngress(resource, [80, 443], "HTTP(S) (80, 443)");
  },
});

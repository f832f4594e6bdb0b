import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";

/** Subnets Azure reserves for gateways and firewalls, which do not take an NSG. */
const EXEMPT = new Set([
  "gatewaysubnet",
  "azurefirewallsubnet",
  "azurefirewallmanagementsubnet",
  "routeserversubnet",
]);

export default defineCheck({
  id: "azure.network.subnet-nsg",
  title: "Every subnet is associated with a network security group",
  description:
    "A subnet without a network security group lets any traffic the routes allow reach its resources.",
  severity: "medium",
  resourceTypes: ["azure.network.vnet"],
  remediation: "Associate a network security group with each subnet (gateway and firewall subnets excepted).",
  references: ["https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview"],
  evaluate(resource) {
    const subnets = resource.properties.subnets;
    if (isUnknown(subnets))
      return notApplicable("the subnets are not known", { path: "subnets", actual: subnets });
    const results: CheckResult[] = [];
    (Array.isArray(subnets) ? (subnets as { name?: unknown; networkSecurityGroup?: unknown }[]) : []).forEach(
      (subnet, i) => {
        if (EXEMPT.has(String(subnet.name).toLowerCase())) return;
        if (isUnknown(subnet.networkSecurityGroup)) return;
        if (!subnet.networkSecurityGroup)
          results.push(
            fail(
              `subnet ${String(subnet.name)} has no network security group`,
              {
                path: `subnets[${i}].networkSecurityGroup`,
                actual: null,
                expected: "a network security group id",
              },
              `subnet:${String(subnet.name)}`,
            ),
          );
      },
    );
    return results.length > 0
      ? results
      : [pass("every subnet has a network security group", { path: "subnets" })];
  },
});

import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.compute.instance-no-public-ip",
  title: "Instance has no external IP address",
  description:
    "An external IP address makes the instance reachable from the internet, subject only to firewall rules.",
  severity: "medium",
  resourceTypes: ["gcp.compute.instance"],
  remediation:
    "Remove the access config (external IP); reach the instance through Cloud NAT, IAP or a load balancer.",
  references: ["https://cloud.google.com/compute/docs/ip-addresses/reserve-static-external-ip-address"],
  evaluate(resource) {
    const nics = getPath(resource.properties, "networkInterfaces");
    if (isUnknown(nics))
      return fail("network interfaces are not known", { path: "networkInterfaces", actual: nics });
    const list = Array.isArray(nics) ? (nics as { accessConfigs?: unknown }[]) : [];
    const index = list.findIndex((nic) => Array.isArray(nic?.accessConfigs) && nic.accessConfigs.length > 0);
    if (index >= 0)
      return fail("the instance has an external IP address", {
        path: `networkInterfaces[${index}].accessConfigs`,
        actual: list[index]?.accessConfigs,
        expected: "no access configs",
      });
    return pass("no external IP address", { path: "networkInterfaces" });
  },
});

import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.network.no-default-network",
  title: "The project has no network named default",
  description:
    "The default network comes with firewall rules that open SSH, RDP and ICMP to the internet and every port inside the network.",
  severity: "medium",
  resourceTypes: ["gcp.compute.network"],
  remediation:
    "Delete the default network after moving its workloads, and set the constraint compute.skipDefaultNetworkCreation.",
  references: ["https://cloud.google.com/vpc/docs/vpc#default-network"],
  evaluate(resource) {
    const value = getPath(resource.properties, "name");
    if (isUnknown(value)) return notApplicable("name is not known", { path: "name", actual: value });
    if (value === "default" && getPath(resource.properties, "autoCreateSubnetworks") !== false)
      return fail("the project has the default network", {
        path: "name",
        actual: value,
        expected: "no network named default",
      });
    return pass(`network ${String(value)} is not the default network`, {
      path: "name",
      actual: value ?? null,
    });
  },
});

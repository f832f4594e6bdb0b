import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.network.no-legacy-network",
  title: "The network is not a legacy network",
  description:
    "Legacy networks have one global IP range and no subnetworks; they cannot use the controls of VPC networks.",
  severity: "medium",
  resourceTypes: ["gcp.compute.network"],
  remediation:
    "Create a VPC network (auto or custom mode), move the workloads, and delete the legacy network.",
  references: ["https://cloud.google.com/vpc/docs/legacy"],
  evaluate(resource) {
    const value = getPath(resource.properties, "IPv4Range");
    if (isUnknown(value))
      return notApplicable("IPv4Range is not known", { path: "IPv4Range", actual: value });
    if (typeof value === "string" && value !== "")
      return fail(`the network is a legacy network (${value})`, {
        path: "IPv4Range",
        actual: value,
        expected: "a VPC network",
      });
    return pass("the network is a VPC network", { path: "IPv4Range", actual: value ?? null });
  },
});

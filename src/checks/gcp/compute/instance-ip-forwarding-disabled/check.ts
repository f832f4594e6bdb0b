import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.compute.instance-ip-forwarding-disabled",
  title: "Instance does not forward IP packets",
  description:
    "An instance that can forward packets can route traffic around firewall rules and spoof sources.",
  severity: "medium",
  resourceTypes: ["gcp.compute.instance"],
  remediation: "Recreate the instance with canIpForward false unless it is a network appliance.",
  references: ["https://cloud.google.com/vpc/docs/using-routes#canipforward"],
  evaluate(resource) {
    const value = getPath(resource.properties, "canIpForward");
    return value === true
      ? fail("IP forwarding is enabled", { path: "canIpForward", actual: value, expected: false })
      : pass("IP forwarding is disabled", { path: "canIpForward", actual: value ?? false });
  },
});

import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";
import { metadataValue, truthy } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.compute.instance-serial-port-disabled",
  title: "Instance does not enable the interactive serial console",
  description:
    "The interactive serial console accepts connections from any IP address, bypassing firewall rules.",
  severity: "medium",
  resourceTypes: ["gcp.compute.instance"],
  remediation: "Remove the metadata serial-port-enable or set it to FALSE.",
  references: ["https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console"],
  evaluate(resource) {
    const value = metadataValue(getPath(resource.properties, "metadata"), "serial-port-enable");
    const ok = !truthy(value);
    return ok
      ? pass("metadata serial-port-enable is not true", { path: "metadata.items", actual: value ?? null })
      : fail("metadata serial-port-enable is true", {
          path: "metadata.items",
          actual: value ?? null,
          expected: "serial-port-enable=FALSE",
        });
  },
});

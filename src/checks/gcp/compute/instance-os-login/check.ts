import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";
import { metadataValue, truthy } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.compute.instance-os-login",
  title: "Instance does not disable OS Login",
  description:
    "OS Login ties SSH access to IAM identities and their 2-step verification; an instance that sets enable-oslogin FALSE opts out of the project setting.",
  severity: "medium",
  resourceTypes: ["gcp.compute.instance"],
  remediation: "Remove enable-oslogin=FALSE from the instance metadata and enable OS Login on the project.",
  references: ["https://cloud.google.com/compute/docs/oslogin/set-up-oslogin"],
  evaluate(resource) {
    const value = metadataValue(getPath(resource.properties, "metadata"), "enable-oslogin");
    if (value !== undefined && value !== null && !isUnknown(value) && !truthy(value))
      return fail("the instance disables OS Login", {
        path: "metadata.items",
        actual: value,
        expected: "TRUE or unset",
      });
    if (isUnknown(value))
      return fail("enable-oslogin is not known", { path: "metadata.items", actual: value });
    return pass("the instance does not disable OS Login", { path: "metadata.items", actual: value ?? null });
  },
});

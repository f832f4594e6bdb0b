import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";
import { metadataValue, truthy } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.project.os-login-enabled",
  title: "Project enables OS Login",
  description:
    "With OS Login, SSH access to instances follows IAM and can require 2-step verification instead of unmanaged SSH keys.",
  severity: "medium",
  resourceTypes: ["gcp.project"],
  remediation: "Set enable-oslogin=TRUE in the project's common instance metadata.",
  references: ["https://cloud.google.com/compute/docs/oslogin/set-up-oslogin"],
  evaluate(resource) {
    const value = metadataValue(getPath(resource.properties, "commonInstanceMetadata"), "enable-oslogin");
    return truthy(value)
      ? pass("OS Login is enabled project-wide", { path: "commonInstanceMetadata.items", actual: value })
      : fail("OS Login is not enabled project-wide", {
          path: "commonInstanceMetadata.items",
          actual: value ?? null,
          expected: "enable-oslogin=TRUE",
        });
  },
});

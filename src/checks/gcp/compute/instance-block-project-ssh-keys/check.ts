import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";
import { metadataValue, truthy } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.compute.instance-block-project-ssh-keys",
  title: "Instance blocks project-wide SSH keys",
  description: "Project-wide SSH keys let whoever holds one log in to every instance of the project.",
  severity: "medium",
  resourceTypes: ["gcp.compute.instance"],
  remediation: "Set the instance metadata block-project-ssh-keys to TRUE, or use OS Login.",
  references: ["https://cloud.google.com/compute/docs/connect/restrict-ssh-keys"],
  evaluate(resource) {
    const value = metadataValue(getPath(resource.properties, "metadata"), "block-project-ssh-keys");
    const ok = truthy(value);
    return ok
      ? pass("metadata block-project-ssh-keys is true", { path: "metadata.items", actual: value ?? null })
      : fail("metadata block-project-ssh-keys is not true", {
          path: "metadata.items",
          actual: value ?? null,
          expected: "block-project-ssh-keys=TRUE",
        });
  },
});

import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.storage.public-access-prevention",
  title: "Cloud Storage bucket enforces public access prevention",
  description:
    "Public access prevention stops anyone from granting allUsers or allAuthenticatedUsers access later, whatever the IAM policy says.",
  severity: "medium",
  resourceTypes: ["gcp.storage.bucket"],
  remediation:
    "Set public access prevention to enforced on the bucket (or enforce it with the organization policy storage.publicAccessPrevention).",
  references: ["https://cloud.google.com/storage/docs/public-access-prevention"],
  evaluate(resource) {
    const path = "iamConfiguration.publicAccessPrevention";
    const value = getPath(resource.properties, path);
    return value === "enforced"
      ? pass("public access prevention is enforced", { path, actual: value })
      : fail(
          `public access prevention is ${value === undefined || value === null ? "not set" : String(value)}`,
          { path, actual: value ?? null, expected: "enforced" },
        );
  },
});

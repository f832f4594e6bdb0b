import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.sql.deletion-protection",
  title: "Cloud SQL instance has deletion protection",
  description:
    "Without deletion protection one mistaken or malicious delete call removes the instance together with its automated backups.",
  severity: "medium",
  resourceTypes: ["gcp.sql.instance"],
  remediation:
    "Enable deletion protection (gcloud sql instances patch INSTANCE --deletion-protection; Terraform settings.deletion_protection_enabled = true).",
  references: ["https://cloud.google.com/sql/docs/postgres/deletion-protection"],
  evaluate(resource) {
    const path = "settings.deletionProtectionEnabled";
    const value = getPath(resource.properties, path);
    if (isUnknown(value)) return notApplicable("deletion protection is not known", { path, actual: value });
    return value === true
      ? pass("deletion protection is enabled", { path, actual: value })
      : fail("deletion protection is not enabled", { path, actual: value ?? null, expected: true });
  },
});

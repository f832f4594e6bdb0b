import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.bigquery.dataset-default-cmek",
  title: "BigQuery dataset has a default customer-managed encryption key",
  description:
    "A default CMEK makes every new table in the dataset use a key the organization controls and can revoke.",
  severity: "low",
  resourceTypes: ["gcp.bigquery.dataset"],
  remediation: "Set defaultEncryptionConfiguration.kmsKeyName on the dataset.",
  references: ["https://cloud.google.com/bigquery/docs/customer-managed-encryption"],
  evaluate(resource) {
    const value = getPath(resource.properties, "defaultEncryptionConfiguration");
    if (isUnknown(value))
      return notApplicable("defaultEncryptionConfiguration is not known", {
        path: "defaultEncryptionConfiguration",
        actual: value,
      });
    const key = (value as { kmsKeyName?: unknown } | null)?.kmsKeyName;
    if (typeof key === "string" && key !== "")
      return pass("the dataset has a default CMEK", {
        path: "defaultEncryptionConfiguration.kmsKeyName",
        actual: key,
      });
    return fail("the dataset has no default CMEK", {
      path: "defaultEncryptionConfiguration.kmsKeyName",
      actual: key ?? null,
      expected: "a Cloud KMS key name",
    });
  },
});

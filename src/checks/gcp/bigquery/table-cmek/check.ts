import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.bigquery.table-cmek",
  title: "BigQuery table is encrypted with a customer-managed key",
  description:
    "A customer-managed key lets the organization control, audit and revoke access to the table's data at rest.",
  severity: "low",
  resourceTypes: ["gcp.bigquery.table"],
  remediation: "Copy the table with --destination_kms_key (bq cp) to re-encrypt it with a Cloud KMS key.",
  references: ["https://cloud.google.com/bigquery/docs/customer-managed-encryption"],
  evaluate(resource) {
    const value = getPath(resource.properties, "encryptionConfiguration");
    if (isUnknown(value))
      return notApplicable("encryptionConfiguration is not known", {
        path: "encryptionConfiguration",
        actual: value,
      });
    const key = (value as { kmsKeyName?: unknown } | null)?.kmsKeyName;
    if (typeof key === "string" && key !== "")
      return pass("the table is encrypted with a CMEK", {
        path: "encryptionConfiguration.kmsKeyName",
        actual: key,
      });
    return fail("the table uses a Google-managed key", {
      path: "encryptionConfiguration.kmsKeyName",
      actual: key ?? null,
      expected: "a Cloud KMS key name",
    });
  },
});

import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.dataproc.cluster-cmek",
  title: "Dataproc cluster encrypts its disks with a customer-managed key",
  description:
    "A customer-managed key for the cluster's persistent disks lets the organization control and revoke access to job data at rest.",
  severity: "low",
  resourceTypes: ["gcp.dataproc.cluster"],
  remediation: "Recreate the cluster with --gce-pd-kms-key (config.encryptionConfig.gcePdKmsKeyName).",
  references: [
    "https://cloud.google.com/dataproc/docs/concepts/configuring-clusters/customer-managed-encryption",
  ],
  evaluate(resource) {
    const value = getPath(resource.properties, "config");
    if (isUnknown(value)) return notApplicable("config is not known", { path: "config", actual: value });
    const encryption = getPath(resource.properties, "config.encryptionConfig");
    if (isUnknown(encryption))
      return notApplicable("the encryption config is not known", {
        path: "config.encryptionConfig",
        actual: encryption,
      });
    const e = (encryption ?? {}) as { gcePdKmsKeyName?: unknown; kmsKey?: unknown };
    const key = e.gcePdKmsKeyName ?? e.kmsKey;
    if (typeof key === "string" && key !== "")
      return pass("the cluster uses a CMEK", { path: "config.encryptionConfig", actual: key });
    return fail("the cluster uses Google-managed keys", {
      path: "config.encryptionConfig.gcePdKmsKeyName",
      actual: key ?? null,
      expected: "a Cloud KMS key name",
    });
  },
});

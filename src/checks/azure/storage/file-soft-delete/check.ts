import { defineCheck } from "../../../check.js";
import { requireReported } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.file-soft-delete",
  title: "Storage account keeps deleted file shares (soft delete)",
  description: "File share soft delete keeps a deleted share recoverable for the retention period.",
  severity: "medium",
  resourceTypes: ["azure.storage.account"],
  remediation: "Enable shareDeleteRetentionPolicy on the file service (fileServices/default).",
  references: ["https://learn.microsoft.com/en-us/azure/storage/files/storage-files-enable-soft-delete"],
  evaluate(resource) {
    return requireReported(
      resource,
      "fileServiceProperties.shareDeleteRetentionPolicy.enabled",
      (v) => v === true,
      {
        ok: "it is enabled",
        bad: () => "it is disabled",
        expected: true,
      },
    );
  },
});

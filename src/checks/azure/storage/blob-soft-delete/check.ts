import { defineCheck } from "../../../check.js";
import { requireReported } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.blob-soft-delete",
  title: "Storage account keeps deleted blobs (soft delete)",
  description: "Blob soft delete keeps deleted blobs recoverable for the retention period.",
  severity: "medium",
  resourceTypes: ["azure.storage.account"],
  remediation: "Enable deleteRetentionPolicy on the blob service (blobServices/default).",
  references: ["https://learn.microsoft.com/en-us/azure/storage/blobs/soft-delete-blob-overview"],
  evaluate(resource) {
    return requireReported(
      resource,
      "blobServiceProperties.deleteRetentionPolicy.enabled",
      (v) => v === true,
      {
        ok: "it is enabled",
        bad: () => "it is disabled",
        expected: true,
      },
    );
  },
});

import { defineCheck } from "../../../check.js";
import { requireReported } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.container-soft-delete",
  title: "Storage account keeps deleted containers (soft delete)",
  description: "Container soft delete keeps a deleted container and its blobs recoverable.",
  severity: "medium",
  resourceTypes: ["azure.storage.account"],
  remediation: "Enable containerDeleteRetentionPolicy on the blob service (blobServices/default).",
  references: ["https://learn.microsoft.com/en-us/azure/storage/blobs/soft-delete-container-overview"],
  evaluate(resource) {
    return requireReported(
      resource,
      "blobServiceProperties.containerDeleteRetentionPolicy.enabled",
      (v) => v === true,
      {
        ok: "it is enabled",
        bad: () => "it is disabled",
        expected: true,
      },
    );
  },
});

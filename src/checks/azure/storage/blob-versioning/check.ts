import { defineCheck } from "../../../check.js";
import { requireReported } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.blob-versioning",
  title: "Storage account keeps blob versions",
  description: "Blob versioning keeps previous versions so an overwrite or deletion can be undone.",
  severity: "medium",
  resourceTypes: ["azure.storage.account"],
  remediation: "Set isVersioningEnabled on the blob service (blobServices/default).",
  references: ["https://learn.microsoft.com/en-us/azure/storage/blobs/versioning-overview"],
  evaluate(resource) {
    return requireReported(resource, "blobServiceProperties.isVersioningEnabled", (v) => v === true, {
      ok: "it is enabled",
      bad: () => "it is disabled",
      expected: true,
    });
  },
});

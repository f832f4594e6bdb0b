import { defineCheck } from "../../../check.js";
import { requireReported } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.geo-redundant",
  title: "Storage account replicates to a second region",
  description:
    "Geo-redundant storage (GRS, RA-GRS, GZRS, RA-GZRS) keeps a copy in a paired region when a whole region fails.",
  severity: "low",
  resourceTypes: ["azure.storage.account"],
  remediation:
    "Change the redundancy (sku) to Standard_GRS, Standard_RAGRS, Standard_GZRS or Standard_RAGZRS.",
  references: ["https://learn.microsoft.com/en-us/azure/storage/common/storage-redundancy"],
  evaluate(resource) {
    return requireReported(resource, "sku", (v) => typeof v === "string" && /GRS|GZRS/.test(v), {
      ok: "the account is geo-redundant",
      bad: (v) => `the redundancy is ${String(v)}`,
      expected: "Standard_GRS",
    });
  },
});

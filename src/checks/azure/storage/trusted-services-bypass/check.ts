import { defineCheck } from "../../../check.js";
import { requireReported } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.trusted-services-bypass",
  title: "Storage account lets trusted Microsoft services through its firewall",
  description:
    "Trusted Azure services (backup, monitoring, Defender) need the AzureServices bypass once the firewall denies by default.",
  severity: "low",
  resourceTypes: ["azure.storage.account"],
  remediation: "Set networkAcls.bypass to include AzureServices.",
  references: [
    "https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security#grant-access-to-trusted-azure-services",
  ],
  evaluate(resource) {
    return requireReported(
      resource,
      "networkAcls.bypass",
      (v) => typeof v === "string" && v.split(",").some((s) => s.trim() === "AzureServices"),
      {
        ok: "AzureServices may bypass the firewall",
        bad: (v) => `the firewall bypass is ${String(v)}`,
        expected: "AzureServices",
      },
    );
  },
});

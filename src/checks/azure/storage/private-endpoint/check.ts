import { defineCheck } from "../../../check.js";
import { requireApprovedPrivateEndpoint } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.private-endpoint",
  title: "Storage account is reached through a private endpoint",
  description:
    "A private endpoint keeps traffic to the account on the virtual network instead of the public endpoint.",
  severity: "low",
  resourceTypes: ["azure.storage.account"],
  remediation: "Create a private endpoint for the resource and approve its connection.",
  references: ["https://learn.microsoft.com/en-us/azure/storage/common/storage-private-endpoints"],
  evaluate: requireApprovedPrivateEndpoint,
});

import { defineCheck } from "../../../check.js";
import { requireApprovedPrivateEndpoint } from "../../live/reported.js";

export default defineCheck({
  id: "azure.keyvault.private-endpoint",
  title: "Key Vault is reached through a private endpoint",
  description:
    "A private endpoint keeps traffic to the vault on the virtual network instead of the public endpoint.",
  severity: "low",
  resourceTypes: ["azure.keyvault.vault"],
  remediation: "Create a private endpoint for the resource and approve its connection.",
  references: ["https://learn.microsoft.com/en-us/azure/key-vault/general/private-link-service"],
  evaluate: requireApprovedPrivateEndpoint,
});

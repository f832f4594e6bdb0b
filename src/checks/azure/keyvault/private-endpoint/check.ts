import { defineCheck, fail, pass } from "../../../check.js";
import { reportedList } from "../../live/reported.js";

export default defineCheck({
  id: "azure.keyvault.private-endpoint",
  title: "Key Vault is reached through a private endpoint",
  description:
    "A private endpoint keeps traffic to the vault on the virtual network instead of the public endpoint.",
  severity: "low",
  resourceTypes: ["azure.keyvault.vault"],
  remediation: "Create a private endpoint for the resource and approve its connection.",
  references: ["https://learn.microsoft.com/en-us/azure/key-vault/general/private-link-service"],
  evaluate(resource) {
    const list = reportedList(resource, "privateEndpointConnections");
    if (!Array.isArray(list)) return list;
    const approved = list.filter(
      (c) =>
        (c as { properties?: { privateLinkServiceConnectionState?: { status?: unknown } } })?.properties
          ?.privateLinkServiceConnectionState?.status === "Approved",
    );
    if (approved.length > 0)
      return pass(`${approved.length} approved private endpoint connection(s)`, {
        path: "privateEndpointConnections",
      });
    return fail("no approved private endpoint connection", {
      path: "privateEndpointConnections",
      actual: list,
      expected: "an approved private endpoint connection",
    });
  },
});

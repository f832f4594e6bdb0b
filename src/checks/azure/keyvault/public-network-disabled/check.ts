import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.keyvault.public-network-disabled",
  title: "Key Vault is not open to every network",
  description:
    "A vault that accepts traffic from all networks relies on credentials alone; disabling public access or denying by default limits it to trusted networks and private endpoints.",
  severity: "medium",
  resourceTypes: ["azure.keyvault.vault"],
  remediation:
    "Set publicNetworkAccess to Disabled and use private endpoints, or set networkAcls.defaultAction to Deny with the networks that need access.",
  references: ["https://learn.microsoft.com/en-us/azure/key-vault/general/network-security"],
  fixes: {
    arm: '"publicNetworkAccess": "Disabled"',
    terraform: "public_network_access_enabled = false",
  },
  evaluate(resource) {
    const access = getPath(resource.properties, "publicNetworkAccess");
    const action = getPath(resource.properties, "networkAcls.defaultAction");
    if (access === "Disabled")
      return pass("public network access is disabled", { path: "publicNetworkAccess", actual: access });
    if (action === "Deny")
      return pass("the firewall denies by default", { path: "networkAcls.defaultAction", actual: action });
    if (isUnknown(access) || isUnknown(action))
      return notApplicable("network access is not known at scan time", {
        path: "publicNetworkAccess",
        actual: access,
      });
    return fail(
      `the vault is reachable from every network (publicNetworkAccess ${String(access)}, default action ${String(action)})`,
      {
        path: "publicNetworkAccess",
        actual: access ?? null,
        expected: "Disabled, or networkAcls.defaultAction Deny",
      },
    );
  },
});

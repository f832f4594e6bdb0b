import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.aks.local-accounts-disabled",
  title: "AKS cluster has local accounts disabled",
  description:
    "The local cluster-admin account bypasses Microsoft Entra ID: its static credential cannot be audited per user or revoked.",
  severity: "medium",
  resourceTypes: ["azure.aks.cluster"],
  remediation: "Set disableLocalAccounts to true (requires Entra ID integration).",
  references: ["https://learn.microsoft.com/en-us/azure/aks/manage-local-accounts-managed-azure-ad"],
  fixes: {
    arm: '"disableLocalAccounts": true',
    terraform: "local_account_disabled = true",
  },
  evaluate(resource) {
    return requireSetting(resource, "disableLocalAccounts", (v) => v === true, {
      ok: "local accounts are disabled",
      bad: (value) => `local accounts disabled is ${describe(value)}`,
      expected: true,
    });
  },
});

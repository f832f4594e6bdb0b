import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.keyvault.rbac-authorization",
  title: "Key Vault uses Azure RBAC for data access",
  description:
    "Access policies are per-vault lists outside Azure RBAC: they escape role reviews, PIM and conditional access.",
  severity: "low",
  resourceTypes: ["azure.keyvault.vault"],
  remediation:
    "Set enableRbacAuthorization to true and grant Key Vault data roles instead of access policies.",
  references: ["https://learn.microsoft.com/en-us/azure/key-vault/general/rbac-guide"],
  fixes: {
    arm: '"enableRbacAuthorization": true',
    terraform: "enable_rbac_authorization = true",
  },
  evaluate(resource) {
    return requireSetting(resource, "enableRbacAuthorization", (v) => v === true, {
      ok: "Azure RBAC authorizes data access",
      bad: (value) => `RBAC authorization is ${describe(value)}`,
      expected: true,
    });
  },
});

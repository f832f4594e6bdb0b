import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.storage.shared-key-disabled",
  title: "Storage account disallows Shared Key authorization",
  description:
    "Account keys grant full access and never expire; requiring Microsoft Entra ID authorization removes that standing secret.",
  severity: "medium",
  resourceTypes: ["azure.storage.account"],
  remediation: "Set allowSharedKeyAccess to false and use Microsoft Entra ID (RBAC) for data access.",
  references: ["https://learn.microsoft.com/en-us/azure/storage/common/security-recommendations"],
  fixes: {
    arm: '"allowSharedKeyAccess": false',
    terraform: "shared_access_key_enabled = false",
  },
  evaluate(resource) {
    return requireSetting(resource, "allowSharedKeyAccess", (v) => v === false, {
      ok: "Shared Key authorization is disabled",
      bad: (value) => `Shared Key authorization is ${value === true ? "allowed" : describe(value)}`,
      expected: false,
    });
  },
});

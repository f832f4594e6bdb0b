import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.sql.aad-only-authentication",
  title: "SQL server accepts Microsoft Entra ID authentication only",
  description:
    "With SQL authentication still on, the server administrator's password login remains a standing credential outside central identity controls.",
  severity: "medium",
  resourceTypes: ["azure.sql.server"],
  remediation:
    "Set administrators.azureADOnlyAuthentication to true (or add a Microsoft.Sql/servers/azureADOnlyAuthentications resource named Default).",
  references: ["https://learn.microsoft.com/en-us/azure/azure-sql/database/security-best-practice"],
  fixes: {
    arm: '"administrators": { "azureADOnlyAuthentication": true, "administratorType": "ActiveDirectory", "login": "dba-group", "sid": "<object id>" }',
    terraform: "azuread_administrator { azuread_authentication_only = true }",
  },
  evaluate(resource) {
    return requireSetting(resource, "administrators.azureADOnlyAuthentication", (v) => v === true, {
      ok: "only Entra ID authentication is accepted",
      bad: (value) => `Entra ID-only authentication is ${describe(value)}`,
      expected: true,
    });
  },
});

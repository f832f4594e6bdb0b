import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.sql.aad-admin",
  title: "SQL server has a Microsoft Entra ID administrator",
  description:
    "Without an Entra ID administrator only SQL authentication exists, so logins escape central identity controls such as MFA and conditional access.",
  severity: "medium",
  resourceTypes: ["azure.sql.server"],
  remediation:
    "Set properties.administrators (or a Microsoft.Sql/servers/administrators resource) to an Entra ID group.",
  references: ["https://learn.microsoft.com/en-us/azure/azure-sql/database/security-best-practice"],
  fixes: {
    arm: '"administrators": { "administratorType": "ActiveDirectory", "login": "dba-group", "sid": "<object id>", "tenantId": "[subscription().tenantId]" }',
    terraform: 'azuread_administrator { login_username = "dba-group" object_id = "<object id>" }',
  },
  evaluate(resource) {
    const admins = resource.properties.administrators;
    if (isUnknown(admins))
      return notApplicable("the administrators are not known at scan time", {
        path: "administrators",
        actual: admins,
      });
    const login = getPath(admins, "login");
    if (login !== undefined && login !== null && login !== "")
      return pass("a Microsoft Entra ID administrator is set", {
        path: "administrators.login",
        actual: login,
      });
    return fail("no Microsoft Entra ID administrator is set", {
      path: "administrators",
      actual: admins ?? null,
      expected: "an ActiveDirectory administrator (login and sid)",
    });
  },
});

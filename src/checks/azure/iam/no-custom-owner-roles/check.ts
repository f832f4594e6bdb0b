import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.iam.no-custom-owner-roles",
  title: "No custom role grants every action on the subscription",
  description:
    'A custom role with actions "*" is an Owner in disguise that escapes reviews of the built-in Owner role.',
  severity: "high",
  resourceTypes: ["azure.subscription"],
  remediation:
    'Delete custom roles whose actions include "*" at subscription (or root) scope, or narrow their actions.',
  references: ["https://learn.microsoft.com/en-us/azure/role-based-access-control/custom-roles"],
  evaluate(resource) {
    const value = getPath(resource.properties, "customRoleDefinitions");
    if (isUnknown(value))
      return notApplicable("customRoleDefinitions is not known", {
        path: "customRoleDefinitions",
        actual: value,
      });
    if (value === undefined || value === null)
      return notApplicable("customRoleDefinitions is not reported by this source", {
        path: "customRoleDefinitions",
      });
    // IaC sources write the deployment's own subscription, when its id is not known, as the resource id.
    const scopes = ["/", `/subscriptions/${resource.account ?? ""}`.toLowerCase(), resource.id.toLowerCase()];
    const admins = (
      value as { roleName?: unknown; assignableScopes?: unknown[]; permissions?: { actions?: unknown[] }[] }[]
    ).filter(
      (r) =>
        (r.assignableScopes ?? []).some((s) => scopes.includes(String(s).toLowerCase())) &&
        (r.permissions ?? []).some((p) => (p.actions ?? []).includes("*")),
    );
    if (admins.length === 0)
      return pass("no custom role grants every action", { path: "customRoleDefinitions" });
    return fail(`custom role(s) ${admins.map((r) => String(r.roleName)).join(", ")} grant every action`, {
      path: "customRoleDefinitions",
      actual: admins.map((r) => r.roleName),
      expected: "no custom role with actions *",
    });
  },
});

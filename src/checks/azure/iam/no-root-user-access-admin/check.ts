import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.iam.no-root-user-access-admin",
  title: "No one holds User Access Administrator at the tenant root",
  description:
    'Elevated access at the root scope ("/") lets a Global Administrator grant themselves any role on every subscription; it should be removed right after use.',
  severity: "high",
  resourceTypes: ["azure.subscription"],
  remediation:
    'Remove the User Access Administrator assignment at scope / (az role assignment delete --role "User Access Administrator" --scope /).',
  references: [
    "https://learn.microsoft.com/en-us/azure/role-based-access-control/elevate-access-global-admin",
  ],
  evaluate(resource) {
    const value = getPath(resource.properties, "roleAssignments");
    if (isUnknown(value))
      return notApplicable("roleAssignments is not known", { path: "roleAssignments", actual: value });
    if (value === undefined || value === null)
      return notApplicable("roleAssignments is not reported by this source", { path: "roleAssignments" });
    const root = (value as { role?: unknown; scope?: unknown; principalId?: unknown }[]).filter(
      (a) => a?.role === "User Access Administrator" && a.scope === "/",
    );
    if (root.length === 0)
      return pass("no User Access Administrator assignment at the root scope", { path: "roleAssignments" });
    return fail(`${root.length} principal(s) hold User Access Administrator at the root scope`, {
      path: "roleAssignments",
      actual: root.map((a) => a.principalId),
      expected: "none",
    });
  },
});

import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.iam.owners-count",
  title: "The subscription has two or three Owners",
  description:
    "One owner is a single point of failure; more than three widens the blast radius of a compromised account.",
  severity: "medium",
  resourceTypes: ["azure.subscription"],
  remediation: "Assign the Owner role at subscription scope to two or three principals.",
  references: [
    "https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles/privileged#owner",
  ],
  evaluate(resource) {
    const value = getPath(resource.properties, "roleAssignments");
    if (isUnknown(value))
      return notApplicable("roleAssignments is not known", { path: "roleAssignments", actual: value });
    if (value === undefined || value === null)
      return notApplicable("roleAssignments is not reported by this source", { path: "roleAssignments" });
    const scope = `/subscriptions/${resource.account ?? ""}`.toLowerCase();
    const owners = (value as { role?: unknown; scope?: unknown }[]).filter(
      (a) => a?.role === "Owner" && String(a.scope).toLowerCase() === scope,
    );
    if (owners.length >= 2 && owners.length <= 3)
      return pass(`${owners.length} Owners`, { path: "roleAssignments", actual: owners.length });
    return fail(`${owners.length} Owner assignment(s) at subscription scope`, {
      path: "roleAssignments",
      actual: owners.length,
      expected: "2 to 3",
    });
  },
});

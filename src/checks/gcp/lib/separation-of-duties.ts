import { isUnknown, type Resource } from "../../../model/index.js";
import { type CheckResult, fail, notApplicable, pass } from "../../check.js";
import { bindings } from "../../lib/gcp.js";

/**
 * Separation of duties in a project's IAM policy: one failure per member that
 * holds `admin` and also one of the `users` roles it administers.
 */
export function requireSeparateMembers(
  resource: Resource,
  admin: string,
  users: readonly string[],
): CheckResult | CheckResult[] {
  const policy = resource.properties.iamPolicy;
  if (isUnknown(policy))
    return notApplicable("the IAM policy is not known", { path: "iamPolicy", actual: policy });
  const admins = new Set<string>();
  const holders = new Set<string>();
  for (const binding of bindings(policy)) {
    const members = (Array.isArray(binding.members) ? binding.members : []).filter(
      (m): m is string => typeof m === "string",
    );
    if (binding.role === admin) for (const m of members) admins.add(m);
    if (users.includes(binding.role)) for (const m of members) holders.add(m);
  }
  const both = [...admins].filter((m) => holders.has(m));
  if (both.length === 0) return pass("no member holds both roles", { path: "iamPolicy.bindings" });
  return both.map((member) =>
    fail(
      `${member} holds ${admin} and a role it administers`,
      { path: "iamPolicy.bindings", actual: member, expected: "separate members for administration and use" },
      `member:${member}`,
    ),
  );
}

import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";
import { bindings } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.iam.no-service-account-admin-roles",
  title: "Service accounts hold no admin or primitive roles",
  description:
    "A service account with Owner, Editor or an *Admin role lets any workload or key holder that uses it take over the project.",
  severity: "high",
  resourceTypes: ["gcp.project"],
  remediation:
    "Grant service accounts predefined roles scoped to what the workload does, never Owner, Editor or *Admin.",
  references: ["https://cloud.google.com/iam/docs/best-practices-service-accounts"],
  evaluate(resource) {
    const policy = getPath(resource.properties, "iamPolicy");
    if (isUnknown(policy)) return fail("the IAM policy is not known", { path: "iamPolicy", actual: policy });
    const admin = (role: string) => role === "roles/owner" || role === "roles/editor" || /admin$/i.test(role);
    const results = bindings(policy).flatMap((binding, i) =>
      admin(binding.role)
        ? binding.members
            .filter((m) => typeof m === "string" && m.startsWith("serviceAccount:"))
            .map((m) =>
              fail(
                `${String(m)} has ${binding.role}`,
                { path: `iamPolicy.bindings[${i}]`, actual: m, expected: "no admin roles" },
                `${binding.role}:${String(m)}`,
              ),
            )
        : [],
    );
    return results.length > 0
      ? results
      : pass("no service account holds an admin role", { path: "iamPolicy" });
  },
});

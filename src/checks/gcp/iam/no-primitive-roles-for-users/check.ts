import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";
import { bindings } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.iam.no-primitive-roles-for-users",
  title: "Project does not grant primitive Owner or Editor roles to users",
  description:
    "Owner and Editor grant broad rights on every service of the project; users should get predefined roles that fit their job.",
  severity: "high",
  resourceTypes: ["gcp.project"],
  remediation: "Replace roles/owner and roles/editor grants to users and groups with predefined roles.",
  references: ["https://cloud.google.com/iam/docs/understanding-roles#basic"],
  evaluate(resource) {
    const policy = getPath(resource.properties, "iamPolicy");
    if (isUnknown(policy)) return fail("the IAM policy is not known", { path: "iamPolicy", actual: policy });
    const results = bindings(policy).flatMap((binding, i) =>
      ["roles/owner", "roles/editor"].includes(binding.role)
        ? binding.members
            .filter((m) => typeof m === "string" && /^(user|group|domain):/.test(m))
            .map((m) =>
              fail(
                `${String(m)} has ${binding.role}`,
                { path: `iamPolicy.bindings[${i}]`, actual: m, expected: "predefined roles" },
                `${binding.role}:${String(m)}`,
              ),
            )
        : [],
    );
    return results.length > 0 ? results : pass("no user holds a primitive role", { path: "iamPolicy" });
  },
});

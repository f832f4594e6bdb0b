import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";
import { bindings } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.iam.no-project-level-sa-user",
  title: "No one holds Service Account User or Token Creator on the whole project",
  description:
    "These roles granted at project level let the holder act as every service account of the project, including privileged ones.",
  severity: "high",
  resourceTypes: ["gcp.project"],
  remediation:
    "Grant roles/iam.serviceAccountUser and roles/iam.serviceAccountTokenCreator on individual service accounts, not on the project.",
  references: ["https://cloud.google.com/iam/docs/service-account-permissions"],
  evaluate(resource) {
    const policy = getPath(resource.properties, "iamPolicy");
    if (isUnknown(policy)) return fail("the IAM policy is not known", { path: "iamPolicy", actual: policy });
    const roles = ["roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"];
    const results = bindings(policy).flatMap((binding, i) =>
      roles.includes(binding.role)
        ? binding.members.map((m) =>
            fail(
              `${String(m)} has ${binding.role} on the project`,
              { path: `iamPolicy.bindings[${i}]`, actual: m, expected: "grants on single service accounts" },
              `${binding.role}:${String(m)}`,
            ),
          )
        : [],
    );
    return results.length > 0
      ? results
      : pass("no project-level service account impersonation grants", { path: "iamPolicy" });
  },
});

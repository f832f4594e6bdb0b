import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";
import { bindings, PUBLIC_MEMBERS } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.kms.key-not-public",
  title: "Cloud KMS key is not accessible to allUsers or allAuthenticatedUsers",
  description: "A key that anyone can use to decrypt or sign undoes the protection it gives.",
  severity: "critical",
  resourceTypes: ["gcp.kms.crypto-key"],
  remediation: "Remove allUsers and allAuthenticatedUsers from the key's IAM policy.",
  references: ["https://cloud.google.com/kms/docs/iam"],
  evaluate(resource) {
    const policy = getPath(resource.properties, "iamPolicy");
    if (isUnknown(policy)) return fail("the key policy is not known", { path: "iamPolicy", actual: policy });
    const results = bindings(policy).flatMap((binding, i) =>
      binding.members
        .filter((m) => typeof m === "string" && PUBLIC_MEMBERS.includes(m))
        .map((m) =>
          fail(
            `${String(m)} is granted ${binding.role}`,
            { path: `iamPolicy.bindings[${i}].members`, actual: m, expected: "no public members" },
            `${binding.role}:${String(m)}`,
          ),
        ),
    );
    return results.length > 0 ? results : pass("no public members on the key", { path: "iamPolicy" });
  },
});

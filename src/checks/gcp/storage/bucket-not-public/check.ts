import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";
import { bindings, PUBLIC_MEMBERS } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.storage.bucket-not-public",
  title: "Cloud Storage bucket is not publicly accessible",
  description:
    "A bucket whose IAM policy grants a role to allUsers or allAuthenticatedUsers exposes its objects to anyone on the internet.",
  severity: "critical",
  resourceTypes: ["gcp.storage.bucket"],
  remediation:
    "Remove allUsers and allAuthenticatedUsers from the bucket's IAM policy and enforce public access prevention.",
  references: ["https://cloud.google.com/storage/docs/public-access-prevention"],
  fixes: { terraform: 'resource "google_storage_bucket" "b" {\n  public_access_prevention = "enforced"\n}' },
  evaluate(resource) {
    const policy = getPath(resource.properties, "iamPolicy");
    if (isUnknown(policy))
      return fail("the bucket policy is not known", { path: "iamPolicy", actual: policy });
    const results = bindings(policy).flatMap((binding, i) =>
      binding.members
        .filter((member) => typeof member === "string" && PUBLIC_MEMBERS.includes(member))
        .map((member) =>
          fail(
            `${String(member)} is granted ${binding.role}`,
            { path: `iamPolicy.bindings[${i}].members`, actual: member, expected: "no public members" },
            `${binding.role}:${String(member)}`,
          ),
        ),
    );
    return results.length > 0
      ? results
      : pass("no public members in the bucket policy", { path: "iamPolicy" });
  },
});

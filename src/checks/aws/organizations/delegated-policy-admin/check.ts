import { defineCheck, fail, pass } from "../../../check.js";
import { actions, statements } from "../../../lib/aws-policy.js";
import { managementValue } from "../read.js";

/** The Organizations actions that manage policies; a delegation must grant at least one. */
const POLICY_ACTIONS = ["createpolicy", "updatepolicy", "deletepolicy", "attachpolicy", "detachpolicy"];

/** IAM action globbing (`*`, `?`) over lower-cased names. */
const matches = (pattern: string, action: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  ).test(action);

export default defineCheck({
  id: "aws.organizations.delegated-policy-admin",
  title: "A delegated administrator manages Organizations policies",
  description:
    "Without a resource-based delegation policy, every SCP, RCP, tag or backup policy change is made from the management account, the one account no SCP can restrain (CIS AWS 2.1.5).",
  severity: "low",
  resourceTypes: ["aws.account"],
  remediation:
    "In the management account: Organizations → Settings → Delegated administrator for AWS Organizations → Delegate, granting a dedicated governance account the policy actions it needs (`aws organizations put-resource-policy`).",
  references: ["https://docs.aws.amazon.com/organizations/latest/userguide/orgs-policy-delegate.html"],
  evaluate(resource) {
    const read = managementValue(resource, "delegationPolicy");
    if ("result" in read) return read.result;
    const granting = statements(read.value).filter(
      (s) =>
        s.Effect === "Allow" &&
        s.Principal !== undefined &&
        actions(s).some((pattern) => POLICY_ACTIONS.some((a) => matches(pattern, `organizations:${a}`))),
    );
    return granting.length > 0
      ? pass("the delegation policy lets a member account manage Organizations policies", {
          path: "organization.delegationPolicy",
          actual: granting.map((s) => s.Principal),
        })
      : fail(
          read.value
            ? "the delegation policy grants no policy-management action"
            : "no delegated administrator for AWS Organizations",
          {
            path: "organization.delegationPolicy",
            actual: read.value ?? null,
            expected: "a statement allowing a member account organizations:*Policy actions",
          },
        );
  },
});

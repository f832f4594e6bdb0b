import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.iam.user-no-direct-policies",
  title: "IAM users receive permissions only through groups",
  description:
    "Policies attached to users one by one drift and are hard to review; grant permissions to groups or roles (CIS AWS 2.13).",
  severity: "low",
  resourceTypes: ["aws.iam.user"],
  remediation: "Move the user's attached and inline policies to a group and add the user to it.",
  evaluate(resource) {
    const { attachedPolicies, inlinePolicies } = resource.properties;
    if (isUnknown(attachedPolicies))
      return notApplicable("attached policies are not known", {
        path: "attachedPolicies",
        actual: attachedPolicies,
      });
    if (isUnknown(inlinePolicies))
      return notApplicable("inline policies are not known", {
        path: "inlinePolicies",
        actual: inlinePolicies,
      });
    const attached = Array.isArray(attachedPolicies) ? attachedPolicies : [];
    const inline = Array.isArray(inlinePolicies) ? inlinePolicies : [];
    if (attached.length > 0)
      return fail(
        `${attached.length} managed polic${attached.length === 1 ? "y is" : "ies are"} attached to the user directly`,
        { path: "attachedPolicies", actual: attached, expected: [] },
      );
    if (inline.length > 0)
      return fail(`the user has ${inline.length} inline polic${inline.length === 1 ? "y" : "ies"}`, {
        path: "inlinePolicies",
        actual: inline.map((p) => (p as { policyName?: unknown }).policyName),
        expected: [],
      });
    return pass("the user has no directly attached or inline policy", {
      path: "attachedPolicies",
      actual: attached,
    });
  },
});

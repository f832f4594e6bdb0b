import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { statements } from "../../../lib/aws-policy.js";

const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export default defineCheck({
  id: "aws.iam.no-admin-policy",
  title: 'No attached customer-managed IAM policy allows "*:*"',
  description:
    "A policy allowing every action on every resource makes its holders full administrators; grant least privilege instead (CIS AWS 2.14).",
  severity: "high",
  resourceTypes: ["aws.iam.policy"],
  remediation:
    "Detach the policy and replace it with one that lists the actions and resources actually needed.",
  evaluate(resource) {
    const p = resource.properties;
    if (p.awsManaged === true)
      return notApplicable("AWS-managed policies are out of scope", { path: "awsManaged", actual: true });
    if (isUnknown(p.document))
      return notApplicable("the policy document is not known", { path: "document", actual: p.document });
    const index = statements(p.document).findIndex(
      (s) =>
        s.Effect === "Allow" &&
        list(s.Action).some((a) => a === "*" || a === "*:*") &&
        list(s.Resource).some((r) => r === "*"),
    );
    if (index < 0)
      return pass("the policy does not allow *:*", { path: "document", actual: "no Allow * on *" });
    if (isUnknown(p.attachmentCount))
      return notApplicable("attachments are not known", {
        path: "attachmentCount",
        actual: p.attachmentCount,
      });
    if (typeof p.attachmentCount === "number" && p.attachmentCount === 0)
      return notApplicable("the policy allows *:* but is not attached", {
        path: "attachmentCount",
        actual: 0,
      });
    return fail("the policy allows every action on every resource and is attached", {
      path: `document.Statement[${index}]`,
      actual: statements(p.document)[index],
      expected: "no Allow of Action * on Resource *",
    });
  },
});

import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.iam.support-role",
  title: "A role with AWSSupportAccess exists to manage incidents with AWS Support",
  description: "Someone must be able to open AWS Support cases without using root (CIS AWS 2.15).",
  severity: "low",
  resourceTypes: ["aws.account"],
  remediation:
    "Create an IAM role that trusted users can assume and attach the AWS-managed policy AWSSupportAccess to it.",

  evaluate(resource) {
    return expectValue(
      resource,
      "policyEntities.AWSSupportAccess.roles",
      (value) => Array.isArray(value) && value.length > 0,
      {
        pass: "a role holds AWSSupportAccess",
        fail: () => "no role holds AWSSupportAccess",
        expected: "at least one role",
      },
    );
  },
});

import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.iam.root-mfa",
  title: "MFA is enabled for the root user",
  description:
    "The root user can do anything in the account; without MFA a stolen password is enough (CIS AWS 2.5).",
  severity: "critical",
  resourceTypes: ["aws.account"],
  remediation:
    "Sign in as root and assign an MFA device (IAM \u2192 Security credentials \u2192 Multi-factor authentication).",

  evaluate(resource) {
    return expectValue(resource, "root.mfaEnabled", (value) => value === true, {
      pass: "the root user has MFA",
      fail: () => "the root user has no MFA",
      expected: true,
    });
  },
});

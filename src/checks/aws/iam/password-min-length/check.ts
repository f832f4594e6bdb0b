import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.iam.password-min-length",
  title: "The IAM password policy requires at least 14 characters",
  description: "Short passwords fall to guessing and brute force (CIS AWS 2.8).",
  severity: "medium",
  resourceTypes: ["aws.iam.password-policy"],
  remediation:
    "Set the account password policy's minimum length to 14 or more (`aws iam update-account-password-policy --minimum-password-length 14`).",

  evaluate(resource) {
    return expectValue(
      resource,
      "minimumPasswordLength",
      (value) => typeof value === "number" && value >= 14,
      {
        pass: "the minimum password length is 14 or more",
        fail: (value) =>
          `the minimum password length is ${value === null ? "not set (no password policy)" : String(value)}`,
        expected: ">= 14",
      },
    );
  },
});

import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.iam.password-reuse",
  title: "The IAM password policy prevents reusing the last 24 passwords",
  description: "Reused passwords undo rotation; CIS asks IAM to remember 24 (CIS AWS 2.9).",
  severity: "medium",
  resourceTypes: ["aws.iam.password-policy"],
  remediation:
    "Set the account password policy's password reuse prevention to 24 (`aws iam update-account-password-policy --password-reuse-prevention 24`).",

  evaluate(resource) {
    return expectValue(
      resource,
      "passwordReusePrevention",
      (value) => typeof value === "number" && value >= 24,
      {
        pass: "the last 24 passwords cannot be reused",
        fail: (value) => `password reuse prevention is ${value === null ? "not set" : String(value)}`,
        expected: ">= 24",
      },
    );
  },
});

import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.iam.root-access-keys",
  title: "The root user has no access keys",
  description:
    "Access keys for the root user give unrestricted, unauditable programmatic access to the whole account (CIS AWS 2.4).",
  severity: "critical",
  resourceTypes: ["aws.account"],
  remediation:
    "Delete the root user's access keys (IAM console, signed in as root: Security credentials \u2192 Access keys).",

  evaluate(resource) {
    return expectValue(resource, "root.accessKeysPresent", (value) => value === false, {
      pass: "the root user has no access keys",
      fail: () => "the root user has access keys",
      expected: false,
    });
  },
});

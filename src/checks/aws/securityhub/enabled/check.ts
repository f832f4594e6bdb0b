import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.securityhub.enabled",
  title: "Security Hub is enabled in the region",
  description:
    "Security Hub collects findings from AWS security services and runs standard checks (CIS AWS 5.16).",
  severity: "medium",
  resourceTypes: ["aws.region-settings"],
  remediation: "Enable Security Hub in every region (`aws securityhub enable-security-hub`).",

  evaluate(resource) {
    return expectValue(resource, "securityHub", (value) => value !== null && value !== undefined, {
      pass: "Security Hub is enabled",
      fail: () => "Security Hub is not enabled",
      expected: "a Security Hub hub",
    });
  },
});

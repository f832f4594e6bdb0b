import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.guardduty.enabled",
  title: "GuardDuty is enabled in the region",
  description:
    "GuardDuty watches CloudTrail, VPC flow logs and DNS queries for compromised credentials and instances; a region without an enabled detector is a blind spot an attacker can use.",
  severity: "medium",
  resourceTypes: ["aws.guardduty.detector"],
  remediation:
    "Enable GuardDuty in every region, including unused ones (`aws guardduty create-detector --enable`), or from the organisation's delegated administrator.",
  references: ["https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html"],
  fixes: {
    terraform: 'resource "aws_guardduty_detector" "example" {\n  enable = true\n}',
    cloudformation: "Type: AWS::GuardDuty::Detector\nProperties:\n  Enable: true",
  },
  evaluate(resource) {
    return expectValue(resource, "status", (value) => value === "ENABLED", {
      pass: "GuardDuty is enabled",
      fail: (value) =>
        value === null || value === undefined
          ? "no GuardDuty detector exists"
          : "the GuardDuty detector is suspended",
      expected: "ENABLED",
    });
  },
});

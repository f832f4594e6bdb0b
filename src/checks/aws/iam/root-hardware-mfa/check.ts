import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.iam.root-hardware-mfa",
  title: "The root user's MFA is a hardware device",
  description:
    "A virtual MFA lives on a phone or computer that can itself be compromised; CIS asks for a hardware device for root (CIS AWS 2.6).",
  severity: "high",
  resourceTypes: ["aws.account"],
  remediation: "Replace the root user's virtual MFA device with a hardware key or token.",

  evaluate(resource) {
    return expectValue(resource, "root.hardwareMfa", (value) => value === true, {
      pass: "the root user's MFA is a hardware device",
      fail: () => "the root user has no hardware MFA device",
      expected: true,
    });
  },
});

import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.iam.console-user-mfa",
  title: "IAM users with a console password have MFA",
  description:
    "A console password alone is one phishing e-mail away from account access; every user that can sign in must have an MFA device (CIS AWS 2.10).",
  severity: "high",
  resourceTypes: ["aws.iam.user"],
  remediation:
    "Assign an MFA device to the user, or remove the console password if the user does not sign in.",
  evaluate(resource) {
    const password = resource.properties.passwordEnabled;
    const devices = resource.properties.mfaDevices;
    if (isUnknown(password))
      return notApplicable("whether the user has a password is not known", {
        path: "passwordEnabled",
        actual: password,
      });
    if (password !== true)
      return notApplicable("the user has no console password", {
        path: "passwordEnabled",
        actual: password ?? null,
      });
    if (isUnknown(devices))
      return notApplicable("the user's MFA devices are not known", { path: "mfaDevices", actual: devices });
    return Array.isArray(devices) && devices.length > 0
      ? pass("the console user has an MFA device", { path: "mfaDevices", actual: devices })
      : fail("the user can sign in to the console without MFA", {
          path: "mfaDevices",
          actual: devices ?? [],
          expected: "at least one MFA device",
        });
  },
});

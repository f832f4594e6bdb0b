import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.account.security-contact",
  title: "A security contact is registered for the account",
  description:
    "AWS sends security notifications to the alternate security contact; without one they reach only the root e-mail (CIS AWS 2.3).",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Set the security alternate contact (Account \u2192 Alternate contacts, or `aws account put-alternate-contact --alternate-contact-type SECURITY`).",

  evaluate(resource) {
    return expectValue(
      resource,
      "alternateContacts.security",
      (value) => value !== null && value !== undefined,
      {
        pass: "a security contact is registered",
        fail: () => "no security contact is registered",
        expected: "a SECURITY alternate contact",
      },
    );
  },
});

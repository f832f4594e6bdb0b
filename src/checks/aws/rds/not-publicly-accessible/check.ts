import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.rds.not-publicly-accessible",
  title: "RDS instance is not publicly accessible",
  description:
    "A publicly accessible instance gets a public DNS name and address reachable from the internet (CIS AWS 3.2.3).",
  severity: "high",
  resourceTypes: ["aws.rds.db-instance"],
  remediation:
    "Turn off Publicly Accessible on the instance (`publicly_accessible = false`) and keep it in private subnets.",

  evaluate(resource) {
    return expectValue(resource, "publiclyAccessible", (value) => value === false, {
      pass: "the instance is not publicly accessible",
      fail: () => "the instance is publicly accessible",
      expected: false,
    });
  },
});

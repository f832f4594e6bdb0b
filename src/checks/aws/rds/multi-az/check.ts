import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.rds.multi-az",
  title: "RDS instance is deployed in several availability zones",
  description: "A Multi-AZ deployment keeps a standby in another zone and fails over to it (CIS AWS 3.2.4).",
  severity: "low",
  resourceTypes: ["aws.rds.db-instance"],
  remediation: "Enable Multi-AZ on the instance (`multi_az = true`).",

  evaluate(resource) {
    return expectValue(resource, "multiAZ", (value) => value === true, {
      pass: "the instance is Multi-AZ",
      fail: () => "the instance is in a single availability zone",
      expected: true,
    });
  },
});

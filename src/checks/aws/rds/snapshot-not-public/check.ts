import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.rds.snapshot-not-public",
  title: "RDS snapshot is not public",
  description:
    "A DB or cluster snapshot shared with `all` can be copied and restored by any AWS account, handing over every row of the database.",
  severity: "critical",
  resourceTypes: ["aws.rds.snapshot"],
  remediation:
    "Remove `all` from the snapshot's restore attribute (`aws rds modify-db-snapshot-attribute --attribute-name restore --values-to-remove all`); share with named accounts only.",
  references: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html"],
  fixes: {
    terraform: 'resource "aws_db_snapshot" "example" {\n  shared_accounts = ["111122223333"]\n}',
  },
  evaluate(resource) {
    return expectValue(resource, "public", (value) => value !== true, {
      pass: "the snapshot is not shared publicly",
      fail: () => "any AWS account can restore the snapshot",
      expected: false,
    });
  },
});

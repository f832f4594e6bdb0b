import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.rds.auto-minor-version-upgrade",
  title: "RDS instance applies minor version upgrades automatically",
  description:
    "Minor versions carry security fixes; automatic upgrades apply them in the maintenance window (CIS AWS 3.2.2).",
  severity: "low",
  resourceTypes: ["aws.rds.db-instance"],
  remediation: "Enable Auto Minor Version Upgrade on the instance (`auto_minor_version_upgrade = true`).",

  evaluate(resource) {
    return expectValue(resource, "autoMinorVersionUpgrade", (value) => value === true, {
      pass: "minor version upgrades are automatic",
      fail: () => "minor version upgrades are not automatic",
      expected: true,
    });
  },
});

import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.cloudtrail.log-file-validation",
  title: "CloudTrail log file validation is enabled",
  description:
    "Digest files let you prove that delivered log files were not modified or deleted (CIS AWS 4.2).",
  severity: "medium",
  resourceTypes: ["aws.cloudtrail.trail"],
  remediation: "Enable log file validation on the trail (`enable_log_file_validation = true`).",

  evaluate(resource) {
    return expectValue(resource, "logFileValidationEnabled", (value) => value === true, {
      pass: "log file validation is enabled",
      fail: () => "log file validation is disabled",
      expected: true,
    });
  },
});

import { defineCheck, fail, pass } from "../../../check.js";
import { isRecord, listAt, unknownResult } from "../../shared/read.js";

export default defineCheck({
  id: "aws.accessanalyzer.enabled",
  title: "IAM Access Analyzer is enabled in the region",
  description:
    "Access Analyzer reports resources shared outside the account or organization; it works per region (CIS AWS 2.18).",
  severity: "medium",
  resourceTypes: ["aws.region-settings"],
  remediation:
    "Create an account or organization analyzer in every region (`aws accessanalyzer create-analyzer --type ACCOUNT`).",
  evaluate(resource) {
    const analyzers = listAt(resource, "accessAnalyzers");
    if (!Array.isArray(analyzers))
      return unknownResult("accessAnalyzers", analyzers.unknown, "the region's analyzers");
    const active = analyzers.filter((a) => isRecord(a) && a.status === "ACTIVE");
    return active.length > 0
      ? pass("an active analyzer exists", { path: "accessAnalyzers", actual: active })
      : fail("no active IAM Access Analyzer in the region", {
          path: "accessAnalyzers",
          actual: analyzers,
          expected: "an ACTIVE analyzer",
        });
  },
});

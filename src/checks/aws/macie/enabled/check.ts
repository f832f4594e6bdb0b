import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { isRecord } from "../../shared/read.js";

export default defineCheck({
  id: "aws.macie.enabled",
  title: "Amazon Macie is enabled in the region",
  description:
    "Macie discovers and classifies sensitive data in the region's S3 buckets; without it (or while it is paused) nobody knows which buckets hold data needing protection (CIS AWS 3.1.3).",
  severity: "low",
  resourceTypes: ["aws.region-settings"],
  remediation:
    "Enable Macie in every region that holds S3 data (`aws macie2 enable-macie`) and turn on automated sensitive data discovery, or use an equivalent third-party data classification tool.",
  references: ["https://docs.aws.amazon.com/macie/latest/user/getting-started.html"],
  evaluate(resource) {
    const macie = getPath(resource.properties, "macie");
    if (isUnknown(macie))
      return notApplicable("Macie's status is not known", { path: "macie", actual: macie });
    if (macie === undefined)
      return notApplicable("Macie's status was not read", { path: "macie", actual: null });
    const status = isRecord(macie) ? macie.status : null;
    return status === "ENABLED"
      ? pass("Macie is enabled", { path: "macie.status", actual: status })
      : fail(
          macie === null ? "Macie is not enabled in the region" : `Macie is ${String(status).toLowerCase()}`,
          {
            path: "macie",
            actual: macie,
            expected: { status: "ENABLED" },
          },
        );
  },
});

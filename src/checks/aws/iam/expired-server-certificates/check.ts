import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { daysBetween, observedAt } from "../../shared/read.js";

export default defineCheck({
  id: "aws.iam.expired-server-certificates",
  title: "No expired SSL/TLS certificate is stored in IAM",
  description:
    "An expired certificate still stored in IAM can be deployed by mistake to a load balancer or CloudFront (CIS AWS 2.17).",
  severity: "medium",
  resourceTypes: ["aws.iam.server-certificate"],
  remediation:
    "Delete the expired certificate (`aws iam delete-server-certificate --server-certificate-name NAME`).",
  evaluate(resource) {
    const expiration = resource.properties.expiration;
    const now = observedAt(resource);
    if (isUnknown(expiration))
      return notApplicable("the expiration is not known", { path: "expiration", actual: expiration });
    if (!now) return notApplicable("the observation time is not known", { path: "" });
    const daysPast = daysBetween(expiration, now);
    if (daysPast === undefined)
      return notApplicable("the expiration is not a date", {
        path: "expiration",
        actual: expiration ?? null,
      });
    return new Date(String(expiration)).getTime() < now.getTime()
      ? fail(`the certificate expired ${daysPast} days ago`, {
          path: "expiration",
          actual: expiration,
          expected: "a future date",
        })
      : pass("the certificate has not expired", { path: "expiration", actual: expiration });
  },
});

import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.storage.log-sink-retention-locked",
  title: "Buckets that receive log sinks have a locked retention policy",
  description:
    "Exported logs are evidence; a locked retention policy (Bucket Lock) stops anyone, an attacker included, from deleting or shortening them before the period ends (CIS GCP 2.4).",
  severity: "medium",
  resourceTypes: ["gcp.storage.bucket"],
  remediation:
    "Set a retention policy on the bucket and lock it (gcloud storage buckets update gs://BUCKET --retention-period=... then --lock-retention-period).",
  references: ["https://cloud.google.com/storage/docs/bucket-lock"],
  evaluate(resource) {
    const sinks = getPath(resource.properties, "logSinks");
    if (isUnknown(sinks))
      return notApplicable("the log sinks are not known", { path: "logSinks", actual: sinks });
    // The join of sinks to buckets is made by the Cloud Asset / live source.
    if (!Array.isArray(sinks) || sinks.length === 0)
      return notApplicable("no log sink writes to this bucket", { path: "logSinks", actual: sinks ?? null });
    const policy = getPath(resource.properties, "retentionPolicy");
    if (isUnknown(policy))
      return notApplicable("the retention policy is not known", { path: "retentionPolicy", actual: policy });
    const period = Number(getPath(resource.properties, "retentionPolicy.retentionPeriod") ?? 0);
    if (!(period > 0))
      return fail(`log sink bucket (${sinks.join(", ")}) has no retention policy`, {
        path: "retentionPolicy.retentionPeriod",
        actual: getPath(resource.properties, "retentionPolicy.retentionPeriod") ?? null,
        expected: "a retention period",
      });
    const locked = getPath(resource.properties, "retentionPolicy.isLocked");
    if (locked !== true)
      return fail(`the retention policy of log sink bucket (${sinks.join(", ")}) is not locked`, {
        path: "retentionPolicy.isLocked",
        actual: locked ?? null,
        expected: true,
      });
    return pass(`a locked retention policy of ${period} seconds protects the exported logs`, {
      path: "retentionPolicy",
      actual: policy,
    });
  },
});

import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.storage.access-logging",
  title: "Cloud Storage bucket has usage logging",
  description: "Usage logs record who read or changed which object, which an investigation needs.",
  severity: "low",
  resourceTypes: ["gcp.storage.bucket"],
  remediation: "Configure usage logging to a log bucket, or enable Data Access audit logs for Cloud Storage.",
  references: ["https://cloud.google.com/storage/docs/access-logs"],
  evaluate(resource) {
    const path = "logging.logBucket";
    const target = getPath(resource.properties, path);
    return typeof target === "string" && target !== ""
      ? pass(`usage logs go to ${target}`, { path, actual: target })
      : fail("usage logging is not configured", { path, actual: target ?? null, expected: "a log bucket" });
  },
});

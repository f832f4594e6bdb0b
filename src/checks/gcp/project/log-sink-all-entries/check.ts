import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.project.log-sink-all-entries",
  title: "Project exports all log entries to a sink",
  description:
    "A sink without a filter keeps a copy of every log entry beyond the default retention, for investigations and audits.",
  severity: "medium",
  resourceTypes: ["gcp.project"],
  remediation:
    "Create a log sink with an empty filter to a Cloud Storage bucket, BigQuery dataset or Pub/Sub topic.",
  references: ["https://cloud.google.com/logging/docs/export/configure_export_v2"],
  evaluate(resource) {
    const sinks = getPath(resource.properties, "loggingSinks");
    if (isUnknown(sinks)) return fail("log sinks are not known", { path: "loggingSinks", actual: sinks });
    const list = Array.isArray(sinks) ? (sinks as { filter?: unknown; disabled?: unknown }[]) : [];
    const all = list.find(
      (s) => (s?.filter === undefined || s.filter === null || s.filter === "") && s?.disabled !== true,
    );
    return all
      ? pass("a sink exports every log entry", { path: "loggingSinks", actual: all })
      : fail("no sink exports every log entry", {
          path: "loggingSinks",
          actual: list,
          expected: "a sink with an empty filter",
        });
  },
});

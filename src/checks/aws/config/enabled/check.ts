import { defineCheck, fail, pass } from "../../../check.js";
import { isRecord, listAt, unknownResult } from "../../shared/read.js";

export default defineCheck({
  id: "aws.config.enabled",
  title: "AWS Config records all resources in the region",
  description:
    "Config keeps the configuration history that audits and investigations rely on; a recorder must be on and record all supported resource types (CIS AWS 4.3).",
  severity: "medium",
  resourceTypes: ["aws.region-settings"],
  remediation:
    "Create a configuration recorder recording all supported resources, a delivery channel, and start the recorder.",
  evaluate(resource) {
    const recorders = listAt(resource, "configRecorders");
    if (!Array.isArray(recorders))
      return unknownResult("configRecorders", recorders.unknown, "the region's Config recorders");
    const good = recorders.find(
      (r) =>
        isRecord(r) &&
        r.recording === true &&
        isRecord(r.recordingGroup) &&
        r.recordingGroup.allSupported === true,
    );
    if (good)
      return pass("a recorder records all supported resources", { path: "configRecorders", actual: good });
    return fail(
      recorders.length === 0
        ? "no Config recorder in the region"
        : "no Config recorder is recording all supported resources",
      {
        path: "configRecorders",
        actual: recorders,
        expected: "a recording recorder with allSupported",
      },
    );
  },
});

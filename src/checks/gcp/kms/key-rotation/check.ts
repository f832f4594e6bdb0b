import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { durationSeconds } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.kms.key-rotation",
  title: "Cloud KMS key rotates at least every 90 days",
  description:
    "Regular rotation limits how much data one key version protects and how long a leaked version stays useful.",
  severity: "medium",
  resourceTypes: ["gcp.kms.crypto-key"],
  remediation: "Set a rotation period of 90 days or less (and a next rotation time) on the key.",
  references: ["https://cloud.google.com/kms/docs/key-rotation"],
  evaluate(resource) {
    if (
      getPath(resource.properties, "purpose") !== undefined &&
      getPath(resource.properties, "purpose") !== "ENCRYPT_DECRYPT"
    )
      return notApplicable("only symmetric encryption keys rotate automatically", {
        path: "purpose",
        actual: getPath(resource.properties, "purpose"),
      });
    const value = getPath(resource.properties, "rotationPeriod");
    const seconds = durationSeconds(value);
    if (seconds !== undefined && seconds <= 90 * 24 * 3600)
      return pass(`the key rotates every ${Math.round(seconds / 86400)} days`, {
        path: "rotationPeriod",
        actual: value,
      });
    return fail(
      seconds === undefined
        ? "the key has no rotation period"
        : `the key rotates every ${Math.round(seconds / 86400)} days`,
      {
        path: "rotationPeriod",
        actual: value ?? null,
        expected: "at most 7776000s (90 days)",
      },
    );
  },
});

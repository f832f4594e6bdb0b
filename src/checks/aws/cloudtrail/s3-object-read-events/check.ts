import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { isRecord } from "../../shared/read.js";

const MODE: "read" | "write" = "read" as "read" | "write";

/** True when a trail's selectors log S3 object-level events of MODE for every bucket. */
function logsAllObjects(trail: Record<string, unknown>): boolean {
  const basic = Array.isArray(trail.eventSelectors) ? trail.eventSelectors.filter(isRecord) : [];
  const wanted = MODE === "write" ? ["All", "WriteOnly"] : ["All", "ReadOnly"];
  if (
    basic.some(
      (s) =>
        wanted.includes(String(s.readWriteType ?? "All")) &&
        Array.isArray(s.dataResources) &&
        s.dataResources.some(
          (d) =>
            isRecord(d) &&
            d.type === "AWS::S3::Object" &&
            Array.isArray(d.values) &&
            d.values.some(
              (v) =>
                v === "arn:aws:s3" ||
                v === "arn:aws:s3:::" ||
                v === "arn:aws-us-gov:s3" ||
                v === "arn:aws-cn:s3",
            ),
        ),
    )
  )
    return true;
  const advanced = Array.isArray(trail.advancedEventSelectors)
    ? trail.advancedEventSelectors.filter(isRecord)
    : [];
  return advanced.some((s) => {
    const fields = Array.isArray(s.fieldSelectors) ? s.fieldSelectors.filter(isRecord) : [];
    const is = (field: string, value: string) =>
      fields.some((f) => f.field === field && Array.isArray(f.equals) && f.equals.includes(value));
    const readOnly = fields.find((f) => f.field === "readOnly");
    const modeOk =
      readOnly === undefined ||
      (Array.isArray(readOnly.equals) && readOnly.equals.includes(MODE === "write" ? "false" : "true"));
    const narrowed = fields.some((f) => f.field === "resources.ARN");
    return is("eventCategory", "Data") && is("resources.type", "AWS::S3::Object") && modeOk && !narrowed;
  });
}

export default defineCheck({
  id: "aws.cloudtrail.s3-object-read-events",
  title: "Object-level logging for read events is enabled for S3 buckets",
  description: "S3 data events record who read which object; management events alone do not (CIS AWS 4.9).",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Add an event selector to a multi-region trail logging read data events for AWS::S3::Object on all buckets.",
  evaluate(resource) {
    const trails = resource.properties.trails;
    if (isUnknown(trails))
      return notApplicable("the account's trails are not known", { path: "trails", actual: trails });
    const list = Array.isArray(trails) ? trails.filter(isRecord) : [];
    const index = list.findIndex(
      (t) => t.isMultiRegionTrail === true && t.isLogging === true && logsAllObjects(t),
    );
    if (index >= 0)
      return pass(`trail ${String(list[index]?.trailArn)} logs S3 object read events`, {
        path: `trails[${index}]`,
        actual: list[index]?.trailArn,
      });
    const unknown = list.findIndex((t) => isUnknown(t.eventSelectors) || isUnknown(t.advancedEventSelectors));
    if (unknown >= 0)
      return notApplicable("a trail's event selectors are not known", {
        path: `trails[${unknown}].eventSelectors`,
        actual: list[unknown]?.eventSelectors,
      });
    return fail("no logging multi-region trail records S3 object-level read events for all buckets", {
      path: "trails",
      actual: list.map((t) => t.trailArn),
      expected: "a multi-region trail with AWS::S3::Object read data events",
    });
  },
});

/**
 * The CIS 4.8/4.9 pair: a logging multi-region trail records S3 object-level
 * data events (write or read) for every bucket, through basic or advanced
 * event selectors. One evaluation, two checks.
 */
import { isUnknown, type Resource } from "../../../model/index.js";
import { type CheckResult, fail, notApplicable, pass } from "../../check.js";
import { isRecord } from "../shared/read.js";

/** True when a trail's selectors log S3 object-level events of `mode` for every bucket. */
function logsAllObjects(trail: Record<string, unknown>, mode: "read" | "write"): boolean {
  const basic = Array.isArray(trail.eventSelectors) ? trail.eventSelectors.filter(isRecord) : [];
  const wanted = mode === "write" ? ["All", "WriteOnly"] : ["All", "ReadOnly"];
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
      (Array.isArray(readOnly.equals) && readOnly.equals.includes(mode === "write" ? "false" : "true"));
    const narrowed = fields.some((f) => f.field === "resources.ARN");
    return is("eventCategory", "Data") && is("resources.type", "AWS::S3::Object") && modeOk && !narrowed;
  });
}

export function evaluateS3ObjectEvents(resource: Resource, mode: "read" | "write"): CheckResult {
  const trails = resource.properties.trails;
  if (isUnknown(trails))
    return notApplicable("the account's trails are not known", { path: "trails", actual: trails });
  const list = Array.isArray(trails) ? trails.filter(isRecord) : [];
  const index = list.findIndex(
    (t) => t.isMultiRegionTrail === true && t.isLogging === true && logsAllObjects(t, mode),
  );
  if (index >= 0)
    return pass(`trail ${String(list[index]?.trailArn)} logs S3 object ${mode} events`, {
      path: `trails[${index}]`,
      actual: list[index]?.trailArn,
    });
  const unknown = list.findIndex((t) => isUnknown(t.eventSelectors) || isUnknown(t.advancedEventSelectors));
  if (unknown >= 0)
    return notApplicable("a trail's event selectors are not known", {
      path: `trails[${unknown}].eventSelectors`,
      actual: list[unknown]?.eventSelectors,
    });
  return fail(`no logging multi-region trail records S3 object-level ${mode} events for all buckets`, {
    path: "trails",
    actual: list.map((t) => t.trailArn),
    expected: `a multi-region trail with AWS::S3::Object ${mode} data events`,
  });
}

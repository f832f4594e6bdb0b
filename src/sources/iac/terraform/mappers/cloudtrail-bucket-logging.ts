/**
 * The trail bucket's server access logging (`s3BucketLogging` of
 * aws.cloudtrail.trail), joined after mapping: when the trail's bucket is an
 * aws_s3_bucket of the same configuration, its mapped `logging` (inline or
 * aws_s3_bucket_logging) is the trail's. A bucket outside the configuration
 * leaves the property unknown.
 */
import { isUnknown, type Resource, unknown } from "../../../../model/index.js";
import type { TfConfiguration } from "./common.js";
import type { TfResourceInput } from "./input.js";

export function applyTrailBucketLogging(
  byType: Map<string, TfResourceInput[]>,
  config: TfConfiguration,
  resources: Resource[],
): void {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const idOf = (input: TfResourceInput) => `${input.file}#${input.address}`;
  for (const trail of byType.get("aws_cloudtrail") ?? []) {
    const resource = byId.get(idOf(trail));
    if (!resource) continue;
    const name = trail.values.s3_bucket_name;
    const bucket =
      config.referenced(trail, "s3_bucket_name", ["aws_s3_bucket"]) ??
      (typeof name === "string"
        ? config.ofType("aws_s3_bucket").find((b) => b.values.bucket === name)
        : undefined);
    const mapped = bucket ? byId.get(idOf(bucket)) : undefined;
    const logging = mapped?.properties.logging;
    resource.properties.s3BucketLogging =
      mapped && logging !== undefined
        ? logging
        : unknown(
            name === undefined || name === null
              ? "the trail names no bucket"
              : isUnknown(name) || typeof name === "string"
                ? "the trail's bucket is not in this configuration"
                : "the trail's bucket is not known",
          );
    const lines = resource.provenance?.kind === "iac" ? resource.provenance.properties : undefined;
    const range = trail.lines.s3_bucket_name;
    if (lines && range && lines.s3BucketLogging === undefined) lines.s3BucketLogging = range;
  }
}

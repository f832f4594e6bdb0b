/** gcp.storage.bucket from google_storage_bucket, with its IAM bindings/members joined into `iamPolicy`. */
import { isUnknown } from "../../../../model/index.js";
import { bool, first, nameOf, type PropertyLines, type TfConfiguration, type TfMapper } from "./common.js";
import { compact, iamPolicyFrom, labels, projectOf } from "./gcp-common.js";
import type { TfResourceInput } from "./input.js";

/** Retention periods are int64 seconds, which the JSON API writes as strings. */
function retentionPolicy(value: unknown): unknown {
  if (isUnknown(value)) return value;
  const policy = first(value);
  if (!policy) return undefined;
  const period = policy.retention_period;
  return compact({
    retentionPeriod: typeof period === "number" ? String(period) : period,
    isLocked: bool(policy.is_locked),
  });
}

const SINK_TYPES = [
  "google_logging_project_sink",
  "google_logging_folder_sink",
  "google_logging_organization_sink",
  "google_logging_billing_account_sink",
];

/**
 * `logSinks`: the log sinks of the configuration that write to this bucket
 * (`storage.googleapis.com/<name>`), named `<parent>/<sink>` as the snapshot
 * join names them. A sink declared elsewhere is not seen; none here leaves the
 * list empty, which the checks read as "not a log archive", never a failure.
 */
function logSinks(bucket: TfResourceInput, config: TfConfiguration, props: PropertyLines): unknown {
  const name = bucket.values.name;
  if (typeof name !== "string") return undefined;
  const out: string[] = [];
  for (const type of SINK_TYPES)
    for (const sink of config.ofType(type)) {
      const destination = sink.values.destination;
      if (isUnknown(destination)) return destination;
      if (destination !== `storage.googleapis.com/${name}`) continue;
      const parent =
        sink.values.project ?? sink.values.folder ?? sink.values.org_id ?? sink.values.billing_account;
      out.push(`${typeof parent === "string" ? parent : ""}/${String(sink.values.name ?? "")}`);
      props.add("logSinks", sink);
    }
  return out;
}

export const gcpStorageBucketMapper: TfMapper = {
  canonicalType: "gcp.storage.bucket",
  parentTypes: ["google_storage_bucket"],
  companions: {
    google_storage_bucket_iam_binding: "bucket",
    google_storage_bucket_iam_member: "bucket",
  },
  linkKeys: (bucket) => [bucket.values.name, bucket.values.id, `b/${String(bucket.values.name)}`],
  build(bucket, companions, props, config) {
    const v = bucket.values;
    // Absent settings stay absent: an organization policy may enforce them, so no default is certain.
    const iamConfiguration = compact({
      uniformBucketLevelAccess: isUnknown(v.uniform_bucket_level_access)
        ? v.uniform_bucket_level_access
        : v.uniform_bucket_level_access === undefined || v.uniform_bucket_level_access === null
          ? undefined
          : { enabled: bool(v.uniform_bucket_level_access) },
      publicAccessPrevention: v.public_access_prevention,
    });
    props.add("iamConfiguration.uniformBucketLevelAccess.enabled", bucket, "uniform_bucket_level_access");
    props.add("iamConfiguration.publicAccessPrevention", bucket, "public_access_prevention");
    const versioningBlock = isUnknown(v.versioning) ? v.versioning : first(v.versioning);
    props.add("versioning.enabled", bucket, "versioning[0].enabled");
    const loggingBlock = isUnknown(v.logging) ? v.logging : first(v.logging);
    props.add("logging.logBucket", bucket, "logging[0].log_bucket");
    props.add("retentionPolicy", bucket, "retention_policy[0]");
    const name = nameOf(bucket, "name");
    return {
      type: "gcp.storage.bucket",
      name,
      ...projectOf(bucket),
      tags: labels(v.labels),
      properties: compact({
        name: v.name,
        location: typeof v.location === "string" ? v.location.toUpperCase() : v.location,
        storageClass: v.storage_class,
        iamConfiguration,
        versioning: isUnknown(versioningBlock)
          ? versioningBlock
          : versioningBlock && { enabled: bool(versioningBlock.enabled) },
        logging: isUnknown(loggingBlock)
          ? loggingBlock
          : loggingBlock &&
            compact({ logBucket: loggingBlock.log_bucket, logObjectPrefix: loggingBlock.log_object_prefix }),
        retentionPolicy: retentionPolicy(v.retention_policy),
        logSinks: logSinks(bucket, config, props),
        iamPolicy: iamPolicyFrom(
          companions,
          "google_storage_bucket_iam_binding",
          "google_storage_bucket_iam_member",
          props,
        ),
      }),
    };
  },
};

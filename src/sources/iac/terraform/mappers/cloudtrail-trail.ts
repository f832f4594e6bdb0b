/** aws.cloudtrail.trail from aws_cloudtrail. */
import { isUnknown } from "../../../../model/index.js";
import { asBool, fields, nameOf, stringTags, type TfMapper } from "./common.js";

export const cloudtrailTrailMapper: TfMapper = {
  canonicalType: "aws.cloudtrail.trail",
  parentTypes: ["aws_cloudtrail"],
  companions: {},
  linkKeys: () => [],
  build(trail, _companions, props) {
    const selectors = trail.values.event_selector;
    return {
      type: "aws.cloudtrail.trail",
      name: nameOf(trail, "name"),
      tags: stringTags(trail.values.tags),
      properties: {
        ...fields(trail, props, [
          ["name", "name"],
          ["isMultiRegionTrail", "is_multi_region_trail", false, asBool],
          ["isOrganizationTrail", "is_organization_trail", false, asBool],
          ["logFileValidationEnabled", "enable_log_file_validation", false, asBool],
          ["kmsKeyId", "kms_key_id"],
          ["s3BucketName", "s3_bucket_name"],
          ["cloudWatchLogsLogGroupArn", "cloud_watch_logs_group_arn"],
          ["includeGlobalServiceEvents", "include_global_service_events", true, asBool],
          ["isLogging", "enable_logging", true, asBool],
        ]),
        eventSelectors: isUnknown(selectors)
          ? selectors
          : (Array.isArray(selectors) ? selectors : []).map((s: Record<string, unknown>) => ({
              readWriteType: s.read_write_type ?? "All",
              includeManagementEvents: s.include_management_events ?? true,
              dataResources: (Array.isArray(s.data_resource) ? s.data_resource : []).map(
                (d: Record<string, unknown>) => ({ type: d.type, values: d.values ?? [] }),
              ),
            })),
      },
    };
  },
};

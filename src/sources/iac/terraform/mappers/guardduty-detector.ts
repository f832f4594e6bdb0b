/**
 * aws.guardduty.detector from aws_guardduty_detector. A declared detector is the
 * region's detector; a configuration without one says nothing about the region
 * (GuardDuty may be enabled elsewhere), so absence builds no resource.
 */
import { isUnknown, unknown } from "../../../../model/index.js";
import { bool, stringTags, type TfMapper } from "./common.js";

export const guardDutyDetectorMapper: TfMapper = {
  canonicalType: "aws.guardduty.detector",
  parentTypes: ["aws_guardduty_detector"],
  companions: {},
  linkKeys: () => [],
  build(detector, _companions, props) {
    const enabled = bool(detector.values.enable, true);
    props.add("status", detector, detector.values.enable === undefined ? undefined : "enable");
    props.add("findingPublishingFrequency", detector, "finding_publishing_frequency");
    return {
      type: "aws.guardduty.detector",
      name: detector.region ?? detector.address,
      tags: stringTags(detector.values.tags),
      properties: {
        detectorId: detector.values.id ?? unknown("the detector id is known only after apply"),
        status: isUnknown(enabled) ? enabled : enabled ? "ENABLED" : "DISABLED",
        // The provider leaves the frequency to the API, whose default is six hours.
        findingPublishingFrequency: detector.values.finding_publishing_frequency ?? "SIX_HOURS",
      },
    };
  },
};

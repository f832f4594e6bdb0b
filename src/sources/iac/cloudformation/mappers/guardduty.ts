import { isUnknown, unknown } from "../../../../model/index.js";
import { bool, type CfnMapper, prop, tagsOf } from "./context.js";

/**
 * aws.guardduty.detector from AWS::GuardDuty::Detector. A declared detector is
 * the region's; a template without one says nothing (GuardDuty may be enabled
 * elsewhere), so absence builds no resource.
 */
export const guardDutyDetectorMapper: CfnMapper = {
  canonicalType: "aws.guardduty.detector",
  cfnType: "AWS::GuardDuty::Detector",
  map(detector, _companions, ctx) {
    ctx.at("status", detector, "Enable");
    ctx.at("findingPublishingFrequency", detector, "FindingPublishingFrequency");
    // Enable is required; a template that leaves it out fails to deploy, so its state is unknown.
    const enabled = bool(prop(detector, "Enable")) ?? unknown("Enable is not set");
    return {
      name: detector.logicalId,
      properties: {
        detectorId: unknown("assigned at deployment"),
        status: isUnknown(enabled) ? enabled : enabled ? "ENABLED" : "DISABLED",
        findingPublishingFrequency: prop(detector, "FindingPublishingFrequency") ?? "SIX_HOURS",
      },
      tags: tagsOf(prop(detector, "Tags")),
    };
  },
};

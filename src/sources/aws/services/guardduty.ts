import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from "@aws-sdk/client-guardduty";
import type { ResourceItem } from "../../../scan/posture.js";
import type { AwsContext, AwsService } from "../context.js";
import { errorMarker } from "../errors.js";
import { all } from "./iam.js";

const TYPE = "aws.guardduty.detector";

/**
 * GuardDuty as a region-level fact: exactly one `aws.guardduty.detector`
 * resource per region, whether or not a detector exists (a region has at most
 * one), so a check can fail a region where GuardDuty was never turned on.
 */
export const service: AwsService = {
  name: "guardduty",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const client = ctx.client(GuardDutyClient, region);
    const resource = (properties: Record<string, unknown>) =>
      ctx.resource({
        type: TYPE,
        // Stable whether or not a detector exists, so enabling GuardDuty resolves the same finding.
        id: ctx.arn("guardduty", region, "detector"),
        name: region,
        region,
        source: "guardduty",
        properties,
      });
    let ids: string[];
    try {
      ids = await all(paginateListDetectors({ client }, {}), (p) => p.DetectorIds);
    } catch (error) {
      const marker = errorMarker("guardduty:ListDetectors", error);
      yield { resource: resource({ detectorId: marker, status: marker }) };
      yield { error: { source: `aws/guardduty ${region}`, message: marker.reason } };
      return;
    }
    const detectorId = ids[0];
    if (detectorId === undefined) {
      yield { resource: resource({ detectorId: null, status: null, findingPublishingFrequency: null }) };
      return;
    }
    try {
      const detector = await client.send(new GetDetectorCommand({ DetectorId: detectorId }));
      yield {
        resource: resource({
          detectorId,
          status: detector.Status ?? null,
          findingPublishingFrequency: detector.FindingPublishingFrequency ?? null,
        }),
      };
    } catch (error) {
      const marker = errorMarker("guardduty:GetDetector", error);
      yield { resource: resource({ detectorId, status: marker, findingPublishingFrequency: marker }) };
    }
  },
};

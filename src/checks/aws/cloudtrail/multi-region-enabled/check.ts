import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { logsAllManagementEvents } from "../../shared/monitoring.js";
import { isRecord } from "../../shared/read.js";

export default defineCheck({
  id: "aws.cloudtrail.multi-region-enabled",
  title: "A multi-region CloudTrail trail logs all management events",
  description:
    "Without a logging, multi-region trail capturing read and write management events, activity in some regions goes unrecorded (CIS AWS 4.1).",
  severity: "high",
  resourceTypes: ["aws.account"],
  remediation:
    "Create a multi-region trail (`is_multi_region_trail = true`) with management events for reads and writes, and start logging.",
  evaluate(resource) {
    const trails = resource.properties.trails;
    if (isUnknown(trails))
      return notApplicable("the account's trails are not known", { path: "trails", actual: trails });
    const list = Array.isArray(trails) ? trails.filter(isRecord) : [];
    const index = list.findIndex(
      (t) => t.isMultiRegionTrail === true && t.isLogging === true && logsAllManagementEvents(t),
    );
    if (index >= 0)
      return pass(`trail ${String(list[index]?.trailArn)} covers every region`, {
        path: `trails[${index}]`,
        actual: list[index]?.trailArn,
      });
    const unknown = list.findIndex((t) => isUnknown(t.isLogging) || isUnknown(t.eventSelectors));
    if (unknown >= 0)
      return notApplicable("a trail's status is not known", {
        path: `trails[${unknown}]`,
        actual: list[unknown]?.isLogging,
      });
    return fail("no logging multi-region trail records all management events", {
      path: "trails",
      actual: list.map((t) => ({
        trailArn: t.trailArn,
        isMultiRegionTrail: t.isMultiRegionTrail,
        isLogging: t.isLogging,
      })),
      expected: "a multi-region trail that is logging read and write management events",
    });
  },
});

import { isUnknown } from "../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../check.js";
import { DOCKER_BEST_PRACTICES } from "../../lib/docker.js";

interface Stage {
  index: number;
  base: { ref: unknown; digest: unknown; stage: unknown };
}

export default defineCheck({
  id: "docker.base-image-digest",
  title: "Base images are pinned by digest",
  description:
    "A tag can be moved to other content; only FROM image@sha256:… guarantees that the base that was reviewed and scanned is the one built on.",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation:
    "Pin every external FROM by digest (keep the tag for readability) and let a bot such as Renovate update it.",
  references: [`${DOCKER_BEST_PRACTICES}#pin-base-image-versions`],
  fixes: { dockerfile: "FROM debian:12.5-slim@sha256:<digest>" },
  evaluate(resource) {
    const stages = resource.properties.stages;
    if (!Array.isArray(stages) || stages.length === 0)
      return notApplicable("no base image is known for this image config", { path: "stages" });
    return (stages as Stage[]).map((stage): CheckResult => {
      const path = `stages[${stage.index}].base`;
      const { ref, digest } = stage.base;
      if (stage.base.stage !== null || ref === "scratch")
        return pass(`stage ${stage.index} builds on ${String(ref)}`, { path }, path);
      if (typeof digest === "string" && digest.startsWith("sha256:"))
        return pass(`${String(ref)} is pinned by digest`, { path }, path);
      return fail(
        `FROM ${isUnknown(ref) ? "(build argument)" : String(ref)} is not pinned by digest`,
        {
          path: `${path}.digest`,
          actual: isUnknown(ref) ? ref : (digest ?? null),
          expected: "image@sha256:<digest>",
        },
        path,
      );
    });
  },
});

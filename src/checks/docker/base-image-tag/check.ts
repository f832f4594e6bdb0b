import { isUnknown } from "../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../check.js";
import { DOCKER_BEST_PRACTICES } from "../../lib/docker.js";

interface Stage {
  index: number;
  base: { ref: unknown; tag: unknown; digest: unknown; stage: unknown };
}

export default defineCheck({
  id: "docker.base-image-tag",
  title: "Base images name a version tag, not latest",
  description:
    "FROM without a tag or with :latest builds on whatever the registry holds that day: builds are not reproducible and a bad upstream release flows in unseen.",
  severity: "medium",
  resourceTypes: ["docker.image-config"],
  remediation: "Name an explicit version tag in every FROM (and preferably a digest): FROM debian:12.5-slim.",
  references: [`${DOCKER_BEST_PRACTICES}#from`],
  fixes: { dockerfile: "FROM debian:12.5-slim" },
  evaluate(resource) {
    const stages = resource.properties.stages;
    if (!Array.isArray(stages) || stages.length === 0)
      return notApplicable("no base image is known for this image config", { path: "stages" });
    return (stages as Stage[]).map((stage): CheckResult => {
      const path = `stages[${stage.index}].base`;
      const { ref, tag, digest } = stage.base;
      if (stage.base.stage !== null || ref === "scratch")
        return pass(`stage ${stage.index} builds on ${String(ref)}`, { path }, path);
      if (isUnknown(tag))
        return fail(
          "the base image comes from a build argument without a default",
          { path: `${path}.tag`, actual: tag },
          path,
        );
      if (typeof digest === "string" && digest !== "")
        return pass(`${String(ref)} is pinned by digest`, { path }, path);
      if (tag === null || tag === "latest")
        return fail(
          `FROM ${String(ref)} ${tag === null ? "has no tag" : "uses latest"}`,
          { path, actual: ref, expected: "an explicit version tag" },
          path,
        );
      return pass(`FROM ${String(ref)} names tag ${String(tag)}`, { path }, path);
    });
  },
});

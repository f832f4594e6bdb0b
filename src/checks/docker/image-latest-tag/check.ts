import { defineCheck, fail, notApplicable, pass } from "../../check.js";
import { DOCKER_BEST_PRACTICES } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.image-latest-tag",
  title: "The image is not tagged only as latest",
  description:
    "An image known only as :latest cannot be traced to a release or rolled back to, and what runs changes whenever the tag moves. base-image-tag checks the FROM lines of a Dockerfile; this check looks at the scanned image's own tags.",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation:
    "Tag images with a version (a release number or the commit) and deploy by that tag or by digest.",
  references: [`${DOCKER_BEST_PRACTICES}#tag`],
  evaluate(resource) {
    const tags = resource.properties.repoTags;
    if (!Array.isArray(tags) || tags.length === 0)
      return notApplicable("the image has no tag (read by digest, or a Dockerfile)", { path: "repoTags" });
    const versioned = (tags as string[]).filter((t) => {
      const colon = t.lastIndexOf(":");
      return colon > t.lastIndexOf("/") && t.slice(colon + 1) !== "latest";
    });
    if (versioned.length > 0)
      return pass(`the image is tagged ${versioned.join(", ")}`, { path: "repoTags", actual: tags });
    return fail(`the image is tagged only ${tags.join(", ")}`, {
      path: "repoTags",
      actual: tags,
      expected: "a version tag",
    });
  },
});

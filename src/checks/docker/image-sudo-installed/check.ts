import { defineCheck, fail, notApplicable, pass } from "../../check.js";
import { DOCKER_BEST_PRACTICES } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.image-sudo-installed",
  title: "The image does not ship sudo",
  description:
    "sudo (or doas) in an image lets a non-root user become root again, undoing USER. Containers change user through the orchestrator, not sudo. Reads the image's files (image scans only).",
  severity: "medium",
  resourceTypes: ["docker.image-config"],
  remediation:
    "Do not install sudo; run the steps that need root before USER switches to the application user.",
  references: [`${DOCKER_BEST_PRACTICES}#user`],
  evaluate(resource) {
    const paths = resource.properties.sudoPaths;
    if (!Array.isArray(paths))
      return notApplicable("the image's files were not read (a Dockerfile)", { path: "sudoPaths" });
    if (paths.length === 0)
      return pass("no sudo or doas binary in the image", { path: "sudoPaths", actual: [] });
    return fail(`the image contains ${paths.join(", ")}`, { path: "sudoPaths", actual: paths, expected: [] });
  },
});

import { isUnknown } from "../../../model/index.js";
import { defineCheck, fail, pass } from "../../check.js";
import { CIS_DOCKER, DOCKER_BEST_PRACTICES } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.user-not-root",
  title: "The image runs as a non-root user",
  description:
    "Without a USER (or with USER root / 0) the container's processes run as root, so any escape from the application starts with root in the container. Reads the final stage of a Dockerfile, or an image's config.",
  severity: "medium",
  resourceTypes: ["docker.image-config"],
  remediation: "Create an unprivileged user and switch to it in the final stage: USER 10001:10001.",
  references: [`${DOCKER_BEST_PRACTICES}#user`, CIS_DOCKER, "CIS Docker 4.1"],
  fixes: { dockerfile: "RUN useradd --uid 10001 --create-home app\nUSER 10001:10001" },
  evaluate(resource) {
    const user = resource.properties.user;
    if (isUnknown(user)) return pass("the user comes from a build argument", { path: "user", actual: user });
    const name = typeof user === "string" ? (user.split(":")[0] ?? "") : "";
    if (name === "" || name === "root" || name === "0")
      return fail(name === "" ? "the image sets no USER, so it runs as root" : `the image runs as ${name}`, {
        path: "user",
        actual: user ?? null,
        expected: "a non-root user",
      });
    return pass(`the image runs as ${name}`, { path: "user", actual: user });
  },
});

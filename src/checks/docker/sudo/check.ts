import { defineCheck } from "../../check.js";
import { commands, DOCKER_BEST_PRACTICES, eachRun } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.sudo",
  title: "RUN does not use sudo",
  description:
    "sudo in a Dockerfile means the image ships sudo and a user allowed to use it, which undoes running as non-root; switch USER for the steps that need root instead.",
  severity: "medium",
  resourceTypes: ["docker.image-config"],
  remediation:
    "Drop sudo: run the step before USER switches away from root, or use USER root … USER app around it.",
  references: [`${DOCKER_BEST_PRACTICES}#user`],
  fixes: {
    dockerfile:
      "USER root\nRUN apt-get update && apt-get install -y --no-install-recommends pkg=1.0\nUSER app",
  },
  evaluate(resource) {
    return eachRun(
      resource,
      (script) => (commands(script).some((c) => /^sudo\b/.test(c)) ? "the command runs sudo" : undefined),
      "no RUN uses sudo",
      "no sudo",
    );
  },
});

import { defineCheck } from "../../check.js";
import { commands, DOCKER_BEST_PRACTICES, eachRun, words } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.chmod-777",
  title: "No file is made world-writable",
  description:
    "chmod 777 (or a+w, o+w) lets any user in the container change the files, including the application's code.",
  severity: "medium",
  resourceTypes: ["docker.image-config"],
  remediation: "Give ownership to the app user (COPY --chown, chown) and use 755/644 or narrower.",
  references: [DOCKER_BEST_PRACTICES],
  fixes: { dockerfile: "COPY --chown=10001:10001 app/ /app/\nRUN chmod -R 755 /app" },
  evaluate(resource) {
    return eachRun(
      resource,
      (script) =>
        commands(script)
          .map(words)
          .some(
            (w) =>
              w[0] === "chmod" &&
              w.slice(1).some((m) => /^0?[0-7]?[0-7][0-7][2367]$/.test(m) || /^(a|o|\+)[+=]?[rx]*w/.test(m)),
          )
          ? "chmod makes files world-writable"
          : undefined,
      "no RUN makes files world-writable",
      "chmod 755 or narrower",
    );
  },
});

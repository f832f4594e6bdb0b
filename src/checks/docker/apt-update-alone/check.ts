import { defineCheck } from "../../check.js";
import { commands, DOCKER_BEST_PRACTICES, eachRun, invocations, words } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.apt-update-alone",
  title: "apt-get update is not alone in its RUN",
  description:
    "A RUN with only apt-get update is cached as its own layer; a later install reuses the stale lists and installs old (or no longer available) versions.",
  severity: "medium",
  resourceTypes: ["docker.image-config"],
  remediation: "Run apt-get update and apt-get install in the same RUN, joined with &&.",
  references: [`${DOCKER_BEST_PRACTICES}#apt-get`, "CIS Docker 4.7"],
  fixes: { dockerfile: "RUN apt-get update && apt-get install -y --no-install-recommends pkg=1.0" },
  evaluate(resource) {
    return eachRun(
      resource,
      (script) => {
        const updates = commands(script)
          .map(words)
          .filter((w) => ["apt-get", "apt"].includes(w[0] ?? "") && w.includes("update"));
        if (updates.length === 0) return undefined;
        const installs = [
          ...invocations(script, ["apt-get", "apt"], "install"),
          ...invocations(script, ["apt-get", "apt"], "upgrade"),
          ...invocations(script, ["apt-get", "apt"], "dist-upgrade"),
        ];
        return installs.length === 0 ? "apt-get update without an install in the same RUN" : undefined;
      },
      "apt-get update always runs with an install",
      "apt-get update && apt-get install … in one RUN",
    );
  },
});

import { defineCheck } from "../../check.js";
import { DOCKER_BEST_PRACTICES, eachRun, invocations } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.apt-lists-cleanup",
  title: "apt lists are removed in the RUN that installs",
  description:
    "The package lists downloaded by apt-get update stay in the layer unless removed in the same RUN: tens of megabytes of stale metadata in the image.",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation: "End the RUN with && rm -rf /var/lib/apt/lists/* (or use a cache mount for /var/lib/apt).",
  references: [`${DOCKER_BEST_PRACTICES}#apt-get`],
  fixes: {
    dockerfile:
      "RUN apt-get update && apt-get install -y --no-install-recommends pkg=1.0 && rm -rf /var/lib/apt/lists/*",
  },
  evaluate(resource) {
    return eachRun(
      resource,
      (script, instruction) => {
        if (invocations(script, ["apt-get", "apt"], "install").length === 0) return undefined;
        if (
          /rm\s+(-[a-z]+\s+)*\/var\/lib\/apt\/lists/.test(script) ||
          /apt-get\s+(-\S+\s+)*(dist)?clean/.test(script)
        )
          return undefined;
        if (/target=\/var\/lib\/apt/.test(instruction.flags.mount ?? "")) return undefined;
        return "apt-get install without removing /var/lib/apt/lists in the same RUN";
      },
      "every RUN that installs with apt cleans its lists",
      "rm -rf /var/lib/apt/lists/* in the same RUN",
    );
  },
});

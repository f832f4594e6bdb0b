import { defineCheck } from "../../check.js";
import { DOCKER_BEST_PRACTICES, eachRun, invocations } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.apk-no-cache",
  title: "apk add uses --no-cache",
  description: "apk add without --no-cache leaves the package index in /var/cache/apk inside the layer.",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation: "Use apk add --no-cache (or remove /var/cache/apk/* in the same RUN).",
  references: [DOCKER_BEST_PRACTICES],
  fixes: { dockerfile: "RUN apk add --no-cache curl=8.9.1-r0" },
  evaluate(resource) {
    return eachRun(
      resource,
      (script) =>
        invocations(script, ["apk"], "add").some((w) => !w.includes("--no-cache")) &&
        !/rm\s+(-\S+\s+)*\/var\/cache\/apk/.test(script)
          ? "apk add without --no-cache"
          : undefined,
      "every apk add leaves no cache",
      "apk add --no-cache",
    );
  },
});

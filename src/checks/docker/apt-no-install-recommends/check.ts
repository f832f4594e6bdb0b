import { defineCheck } from "../../check.js";
import { DOCKER_BEST_PRACTICES, eachRun, invocations } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.apt-no-install-recommends",
  title: "apt-get install uses --no-install-recommends",
  description:
    "Without --no-install-recommends apt installs every recommended package too: a larger image with more packages to patch and more vulnerabilities to triage.",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation: "Add --no-install-recommends to every apt-get install.",
  references: [`${DOCKER_BEST_PRACTICES}#apt-get`],
  fixes: {
    dockerfile:
      "RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*",
  },
  evaluate(resource) {
    return eachRun(
      resource,
      (script) =>
        invocations(script, ["apt-get", "apt"], "install").some(
          (w) =>
            !w.includes("--no-install-recommends") &&
            !w.some((x) => /^-o.*Install-Recommends=(false|0)/i.test(x)),
        )
          ? "apt-get install without --no-install-recommends"
          : undefined,
      "every apt-get install skips recommended packages",
      "apt-get install --no-install-recommends",
    );
  },
});

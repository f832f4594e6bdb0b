import { defineCheck } from "../../check.js";
import { DOCKER_BEST_PRACTICES, eachRun, invocations } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.apt-version-pinning",
  title: "apt-get install pins package versions",
  description:
    "Unpinned packages install whatever version the mirror has at build time, so two builds of the same Dockerfile differ and a regression arrives without a change in the repository.",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation: "Pin each package: apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5.",
  references: [`${DOCKER_BEST_PRACTICES}#apt-get`],
  fixes: { dockerfile: "RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5" },
  evaluate(resource) {
    return eachRun(
      resource,
      (script) => {
        const unpinned = invocations(script, ["apt-get", "apt"], "install").flatMap((w) =>
          w
            .slice(w.indexOf("install") + 1)
            .filter(
              (x) => !x.startsWith("-") && !x.includes("=") && !x.endsWith(".deb") && !x.startsWith("$"),
            ),
        );
        return unpinned.length > 0 ? `unpinned packages: ${unpinned.join(", ")}` : undefined;
      },
      "every apt-get install pins its versions",
      "package=version",
    );
  },
});

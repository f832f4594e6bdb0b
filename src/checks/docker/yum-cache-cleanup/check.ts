import { defineCheck } from "../../check.js";
import { DOCKER_BEST_PRACTICES, eachRun, invocations } from "../../lib/docker.js";

const TOOLS = ["yum", "dnf", "microdnf"];

export default defineCheck({
  id: "docker.yum-cache-cleanup",
  title: "yum/dnf caches are cleaned in the RUN that installs",
  description:
    "yum and dnf keep metadata and downloaded packages in /var/cache unless cleaned in the same RUN.",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation:
    "End the RUN with && yum clean all (or dnf clean all) and rm -rf /var/cache/yum (or /var/cache/dnf).",
  references: [DOCKER_BEST_PRACTICES],
  fixes: { dockerfile: "RUN dnf install -y httpd-2.4.62 && dnf clean all && rm -rf /var/cache/dnf" },
  evaluate(resource) {
    return eachRun(
      resource,
      (script) => {
        if (invocations(script, TOOLS, "install").length === 0) return undefined;
        if (
          /(yum|dnf|microdnf)\s+clean\s+all/.test(script) ||
          /rm\s+(-\S+\s+)*\/var\/cache\/(yum|dnf)/.test(script)
        )
          return undefined;
        return "yum/dnf install without cleaning the cache";
      },
      "every yum/dnf install cleans its cache",
      "yum clean all in the same RUN",
    );
  },
});

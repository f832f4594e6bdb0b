import { type CheckResult, defineCheck, fail, pass } from "../../check.js";
import { DOCKER_BEST_PRACTICES, instructionsOf, NO_INSTRUCTIONS } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.workdir-relative",
  title: "WORKDIR uses absolute paths",
  description:
    "A relative WORKDIR depends on the previous WORKDIR (often of a base image you do not control), so files land somewhere unexpected.",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation: "Use an absolute path: WORKDIR /app.",
  references: [`${DOCKER_BEST_PRACTICES}#workdir`],
  fixes: { dockerfile: "WORKDIR /app" },
  evaluate(resource) {
    const list = instructionsOf(resource);
    if (!list) return NO_INSTRUCTIONS();
    const out: CheckResult[] = [];
    for (const ref of list) {
      const { keyword, value, line } = ref.instruction;
      if (keyword !== "WORKDIR") continue;
      const dir = value.trim().replace(/^["']|["']$/g, "");
      if (!dir.startsWith("/") && !dir.startsWith("$") && !/^[A-Za-z]:[\\/]/.test(dir))
        out.push(
          fail(
            `line ${line}: WORKDIR ${dir} is relative`,
            { path: ref.path, actual: dir, expected: "an absolute path" },
            ref.path,
          ),
        );
    }
    return out.length > 0 ? out : pass("every WORKDIR is absolute", { path: "instructions" });
  },
});

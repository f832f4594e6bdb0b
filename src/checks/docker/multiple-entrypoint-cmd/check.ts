import { type CheckResult, defineCheck, fail, pass } from "../../check.js";
import { DOCKER_BEST_PRACTICES, instructionsOf, NO_INSTRUCTIONS } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.multiple-entrypoint-cmd",
  title: "A stage has at most one CMD and one ENTRYPOINT",
  description:
    "Only the last CMD and the last ENTRYPOINT of a stage take effect; earlier ones are dead code that misleads readers.",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation: "Keep one CMD and one ENTRYPOINT per stage.",
  references: [`${DOCKER_BEST_PRACTICES}#cmd`, "https://docs.docker.com/reference/dockerfile/#cmd"],
  evaluate(resource) {
    const list = instructionsOf(resource);
    if (!list) return NO_INSTRUCTIONS();
    const out: CheckResult[] = [];
    const seen = new Map<string, number>();
    for (const ref of list) {
      const { keyword, stage, line } = ref.instruction;
      if (keyword !== "CMD" && keyword !== "ENTRYPOINT") continue;
      const key = `${stage}/${keyword}`;
      const first = seen.get(key);
      if (first !== undefined)
        out.push(
          fail(
            `line ${line}: a second ${keyword} in stage ${stage} (the one at line ${first} is ignored)`,
            { path: ref.path, actual: ref.instruction.value },
            key,
          ),
        );
      else seen.set(key, line);
    }
    return out.length > 0
      ? out
      : pass("every stage has at most one CMD and one ENTRYPOINT", { path: "instructions" });
  },
});

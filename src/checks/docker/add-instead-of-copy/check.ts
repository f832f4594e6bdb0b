import { type CheckResult, defineCheck, fail, pass } from "../../check.js";
import { DOCKER_BEST_PRACTICES, instructionsOf, NO_INSTRUCTIONS } from "../../lib/docker.js";

const REMOTE = /^(https?|git|ssh):\/\/|^git@/i;
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;

export default defineCheck({
  id: "docker.add-instead-of-copy",
  title: "COPY is used for local files, not ADD",
  description:
    "ADD also fetches URLs and unpacks archives, so what it copies is not obvious from the line; COPY does only what it says. CIS Docker 4.9.",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation:
    "Replace ADD with COPY for local files (ADD is for a local tar archive that must be unpacked).",
  references: [`${DOCKER_BEST_PRACTICES}#add-or-copy`, "CIS Docker 4.9"],
  fixes: { dockerfile: "COPY ./app /app" },
  evaluate(resource) {
    const list = instructionsOf(resource);
    if (!list) return NO_INSTRUCTIONS();
    const out: CheckResult[] = [];
    for (const ref of list) {
      const { instruction } = ref;
      if (instruction.keyword !== "ADD") continue;
      const args = instruction.exec ?? instruction.value.split(/\s+/);
      const sources = args.slice(0, -1);
      if (sources.some((s) => REMOTE.test(s) || ARCHIVE.test(s))) continue;
      out.push(
        fail(
          `line ${instruction.line}: ADD copies local files; use COPY`,
          { path: ref.path, actual: instruction.value, expected: "COPY" },
          ref.path,
        ),
      );
    }
    return out.length > 0 ? out : pass("no ADD copies plain local files", { path: "instructions" });
  },
});

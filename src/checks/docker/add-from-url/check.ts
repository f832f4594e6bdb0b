import { type CheckResult, defineCheck, fail, pass } from "../../check.js";
import { DOCKER_BEST_PRACTICES, instructionsOf, NO_INSTRUCTIONS } from "../../lib/docker.js";

export default defineCheck({
  id: "docker.add-from-url",
  title: "ADD does not download from a URL",
  description:
    "ADD <url> downloads at build time without a checksum (unless --checksum is given) and keeps the file in a layer; a changed or hijacked download flows into the image.",
  severity: "medium",
  resourceTypes: ["docker.image-config"],
  remediation:
    "Download with curl and verify a checksum in a RUN, or use ADD --checksum=sha256:<digest> <url>.",
  references: [
    `${DOCKER_BEST_PRACTICES}#add-or-copy`,
    "https://docs.docker.com/reference/dockerfile/#add---checksum",
  ],
  fixes: { dockerfile: "ADD --checksum=sha256:<digest> https://example.com/tool.tar.gz /tmp/" },
  evaluate(resource) {
    const list = instructionsOf(resource);
    if (!list) return NO_INSTRUCTIONS();
    const out: CheckResult[] = [];
    for (const ref of list) {
      const { instruction } = ref;
      if (instruction.keyword !== "ADD" || instruction.flags.checksum) continue;
      const args = instruction.exec ?? instruction.value.split(/\s+/);
      const url = args.slice(0, -1).find((s) => /^(https?|ftp):\/\//i.test(s));
      if (url)
        out.push(
          fail(
            `line ${instruction.line}: ADD downloads ${url} without a checksum`,
            { path: ref.path, actual: instruction.value, expected: "a verified download" },
            ref.path,
          ),
        );
    }
    return out.length > 0 ? out : pass("no ADD downloads an unverified URL", { path: "instructions" });
  },
});

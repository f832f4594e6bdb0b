import { isUnknown } from "../../../model/index.js";
import { type CheckResult, defineCheck, fail, pass } from "../../check.js";
import { instructionsOf } from "../../lib/docker.js";
import { isLiteralSecretValue, looksLikeSecretName } from "../../lib/secret-names.js";

export default defineCheck({
  id: "docker.secrets-in-env-arg",
  title: "No secret is baked into ENV or ARG",
  description:
    "ENV values are part of the image config and ARG values part of its history: anyone who can pull the image can read a password or token set there. Reads the image's environment, and a Dockerfile's ARG defaults too.",
  severity: "high",
  resourceTypes: ["docker.image-config"],
  remediation:
    "Pass secrets at run time (orchestrator secrets) or at build time with RUN --mount=type=secret.",
  references: ["https://docs.docker.com/build/building/secrets/", "CIS Docker 4.10"],
  fixes: {
    dockerfile: "RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci",
  },
  evaluate(resource) {
    const out: CheckResult[] = [];
    const env = resource.properties.env;
    if (env && typeof env === "object" && !isUnknown(env))
      for (const [name, value] of Object.entries(env as Record<string, unknown>))
        if (looksLikeSecretName(name) && typeof value === "string" && isLiteralSecretValue(value))
          out.push(
            fail(
              `ENV ${name} holds a literal value`,
              { path: `env["${name}"]`, actual: "(redacted)", expected: "no secret in the image" },
              `env/${name}`,
            ),
          );
    for (const ref of instructionsOf(resource) ?? []) {
      if (ref.instruction.keyword !== "ARG") continue;
      for (const part of ref.instruction.value.split(/\s+/)) {
        const eq = part.indexOf("=");
        if (eq < 0) continue;
        const name = part.slice(0, eq);
        if (looksLikeSecretName(name) && isLiteralSecretValue(part.slice(eq + 1).replace(/^["']|["']$/g, "")))
          out.push(
            fail(
              `line ${ref.instruction.line}: ARG ${name} has a literal default`,
              { path: ref.path, actual: "(redacted)", expected: "no secret default" },
              `arg/${name}`,
            ),
          );
      }
    }
    return out.length > 0 ? out : pass("no ENV or ARG holds a literal secret", { path: "env" });
  },
});

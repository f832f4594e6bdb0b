import { isUnknown } from "../../../model/index.js";
import { scanSecretsInText } from "../../../secrets/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../check.js";

/**
 * History lines keep every RUN command and build argument used: a token passed with
 * --build-arg or typed into a RUN is readable by anyone who pulls the image. Labels too.
 */
export default defineCheck({
  id: "docker.image-secrets-in-history",
  title: "No secret in the image's history or labels",
  description:
    "`docker history` shows every build step's command line, including the values of build arguments, and labels are public metadata: a token found there is exposed to anyone who can pull the image. Uses Mamori's secret rules (image scans only).",
  severity: "high",
  resourceTypes: ["docker.image-config"],
  remediation:
    "Rotate the secret, then rebuild passing it with RUN --mount=type=secret instead of ARG, ENV, LABEL or the command line.",
  references: ["https://docs.docker.com/build/building/secrets/", "CIS Docker 4.10"],
  fixes: { dockerfile: "RUN --mount=type=secret,id=token TOKEN=$(cat /run/secrets/token) ./fetch-deps.sh" },
  evaluate(resource) {
    const history = resource.properties.history;
    if (!Array.isArray(history) || isUnknown(history))
      return notApplicable("no image history (a Dockerfile)", { path: "history" });
    const out: CheckResult[] = [];
    history.forEach((entry, i) => {
      const createdBy = (entry as { createdBy?: unknown }).createdBy;
      if (typeof createdBy !== "string") return;
      for (const finding of scanSecretsInText(createdBy, `history[${i}]`))
        out.push(
          fail(
            `history step ${i} holds a ${finding.title} (${finding.redacted})`,
            { path: `history[${i}].createdBy`, actual: finding.context, expected: "no secret" },
            `history/${finding.ruleId}/${finding.fingerprint}`,
          ),
        );
    });
    const labels = resource.properties.labels;
    if (labels && typeof labels === "object" && !isUnknown(labels))
      for (const [name, value] of Object.entries(labels as Record<string, unknown>)) {
        if (typeof value !== "string") continue;
        for (const finding of scanSecretsInText(`${name}="${value}"`, `labels.${name}`))
          out.push(
            fail(
              `label ${name} holds a ${finding.title} (${finding.redacted})`,
              { path: `labels["${name}"]`, actual: finding.redacted, expected: "no secret" },
              `label/${name}/${finding.ruleId}`,
            ),
          );
      }
    return out.length > 0 ? out : pass("no secret in the history or labels", { path: "history" });
  },
});

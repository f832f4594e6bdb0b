import { defineCheck } from "../../../check.js";
import { CIS_KUBERNETES, eachRule, grants, RBAC_GOOD_PRACTICES } from "../../../lib/k8s.js";

/** resourceNames limits a rule to named objects; an absent or empty list means all of them. */
const namesSome = (names: unknown): boolean => Array.isArray(names) && names.length > 0;

export default defineCheck({
  id: "k8s.rbac.secrets-read",
  title: "Roles do not grant reading Secrets",
  description:
    "get, list or watch on secrets reveals every credential in scope (service account tokens, TLS keys, passwords); list and watch return the values too, not only names.",
  severity: "high",
  resourceTypes: ["k8s.role"],
  remediation:
    "Grant access to the named Secrets only (resourceNames), or use a secret store with per-app access.",
  references: [RBAC_GOOD_PRACTICES, CIS_KUBERNETES, "CIS Kubernetes 5.1.2"],
  evaluate(resource) {
    return eachRule(
      resource,
      (rule) =>
        grants(rule, ["secrets"], ["get", "list", "watch"]) && !namesSome(rule.rule.resourceNames)
          ? `rule grants ${rule.verbs.join(", ")} on ${rule.resources.join(", ")}`
          : undefined,
      "no rule of the role reads Secrets",
    );
  },
});

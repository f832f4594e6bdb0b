import { defineCheck } from "../../../check.js";
import { CIS_KUBERNETES, eachRule, grants, RBAC_GOOD_PRACTICES } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.rbac.pods-exec",
  title: "Roles do not grant exec or attach into pods",
  description:
    "create (or get) on pods/exec and pods/attach runs commands inside any pod in scope, with that pod's service account and secrets.",
  severity: "high",
  resourceTypes: ["k8s.role"],
  remediation:
    "Remove pods/exec and pods/attach from the role; give debugging access through a separate, audited role.",
  references: [
    RBAC_GOOD_PRACTICES,
    CIS_KUBERNETES,
    "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
  ],
  evaluate(resource) {
    return eachRule(
      resource,
      (rule) =>
        grants(rule, ["pods/exec", "pods/attach"], ["create", "get"])
          ? `rule grants ${rule.verbs.join(", ")} on ${rule.resources.join(", ")}`
          : undefined,
      "no rule of the role allows exec or attach",
    );
  },
});

import { defineCheck } from "../../../check.js";
import { CIS_KUBERNETES, eachRule, grants, RBAC_GOOD_PRACTICES } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.rbac.nodes-proxy",
  title: "Roles do not grant nodes/proxy",
  description:
    "Access to nodes/proxy reaches the kubelet API directly, which runs commands in any pod on the node and bypasses audit logging and admission control.",
  severity: "high",
  resourceTypes: ["k8s.role"],
  remediation:
    "Remove nodes/proxy from the role; monitoring agents can read metrics through nodes/metrics or nodes/stats.",
  references: [
    RBAC_GOOD_PRACTICES,
    CIS_KUBERNETES,
    "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes",
  ],
  evaluate(resource) {
    return eachRule(
      resource,
      (rule) =>
        grants(rule, ["nodes/proxy"], ["get", "create", "list", "watch", "update", "patch", "delete"])
          ? `rule grants ${rule.verbs.join(", ")} on ${rule.resources.join(", ")}`
          : undefined,
      "no rule of the role grants nodes/proxy",
    );
  },
});

import { defineCheck } from "../../../check.js";
import { CIS_KUBERNETES, eachRule, RBAC_GOOD_PRACTICES } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.rbac.wildcard",
  title: "Roles grant no wildcard verbs, resources or API groups",
  description:
    "A * in verbs, resources or apiGroups grants everything that exists now and everything added later (new resources, CRDs, subresources), far beyond what the role was written for.",
  severity: "high",
  resourceTypes: ["k8s.role"],
  remediation: "Replace * with the explicit verbs, resources and API groups the subject needs.",
  references: [RBAC_GOOD_PRACTICES, CIS_KUBERNETES, "CIS Kubernetes 5.1.3"],
  evaluate(resource) {
    return eachRule(
      resource,
      (rule) => {
        const wild = (["verbs", "resources", "apiGroups"] as const).filter((field) =>
          rule[field].includes("*"),
        );
        return wild.length > 0 ? `rule grants * in ${wild.join(", ")}` : undefined;
      },
      "no rule of the role uses a wildcard",
    );
  },
});

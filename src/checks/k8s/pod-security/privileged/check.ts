import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, POD_SPEC_REFERENCE } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.pod-security.privileged",
  title: "Containers are not privileged",
  description:
    "A privileged container has every capability and access to all host devices; escaping to the node is trivial. Pod Security Standards (baseline) forbid it.",
  severity: "critical",
  resourceTypes: ["k8s.workload"],
  remediation:
    "Remove securityContext.privileged (or set it to false); grant only the capabilities the process needs.",
  references: [POD_SPEC_REFERENCE, "CIS Kubernetes 5.2.2"],
  fixes: { kubernetes: "securityContext:\n  privileged: false" },
  evaluate(resource) {
    return eachContainer(resource, (c) =>
      c.security.privileged === true
        ? fail(`container ${c.name} is privileged`, {
            path: `${c.securityPath}.privileged`,
            actual: true,
            expected: false,
          })
        : pass(`container ${c.name} is not privileged`, { path: `${c.securityPath}.privileged` }),
    );
  },
});

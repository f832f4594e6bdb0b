import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, list, obj, POD_SPEC_REFERENCE } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.pod-security.host-ports",
  title: "Containers do not bind host ports",
  description:
    "A hostPort opens the port on the node's own address, bypassing Services and NetworkPolicies, and pins the pod to nodes where the port is free. Pod Security Standards (baseline) forbid host ports.",
  severity: "medium",
  resourceTypes: ["k8s.workload"],
  remediation: "Remove hostPort from the container's ports and expose the pod through a Service.",
  references: [POD_SPEC_REFERENCE, "CIS Kubernetes 5.2.13"],
  fixes: { kubernetes: "ports:\n  - containerPort: 8080" },
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const ports = list(c.container.ports);
      const index = ports.findIndex((p) => {
        const hostPort = obj(p).hostPort;
        return hostPort !== undefined && hostPort !== null && hostPort !== 0;
      });
      if (index >= 0)
        return fail(`container ${c.name} binds host port ${String(obj(ports[index]).hostPort)}`, {
          path: `${c.path}.ports[${index}].hostPort`,
          actual: obj(ports[index]).hostPort,
          expected: "no hostPort",
        });
      return pass(`container ${c.name} binds no host port`, { path: `${c.path}.ports` });
    });
  },
});

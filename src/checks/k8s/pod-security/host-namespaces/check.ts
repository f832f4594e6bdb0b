import { defineCheck, fail, pass } from "../../../check.js";
import { POD_SPEC_REFERENCE, podSpec } from "../../../lib/k8s.js";

const FIELDS = ["hostNetwork", "hostPID", "hostIPC"] as const;

export default defineCheck({
  id: "k8s.pod-security.host-namespaces",
  title: "Pods do not share the host's network, PID or IPC namespace",
  description:
    "Sharing the node's network, process or IPC namespace lets a container see and reach the node's processes and traffic. Pod Security Standards (baseline) forbid hostNetwork, hostPID and hostIPC.",
  severity: "high",
  resourceTypes: ["k8s.workload"],
  remediation: "Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).",
  references: [POD_SPEC_REFERENCE, "CIS Kubernetes 5.2.3, 5.2.4, 5.2.5"],
  fixes: { kubernetes: "spec:\n  hostNetwork: false\n  hostPID: false\n  hostIPC: false" },
  evaluate(resource) {
    const spec = podSpec(resource);
    const shared = FIELDS.filter((f) => spec[f] === true);
    if (shared.length === 0)
      return pass("the pod uses its own network, PID and IPC namespaces", { path: "podSpec" });
    return shared.map((field) =>
      fail(
        `the pod shares the host's ${field.slice(4)} namespace (${field}: true)`,
        {
          path: `podSpec.${field}`,
          actual: true,
          expected: false,
        },
        field,
      ),
    );
  },
});

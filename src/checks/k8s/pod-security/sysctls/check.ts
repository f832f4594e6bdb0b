import { defineCheck, fail, pass } from "../../../check.js";
import { list, obj, POD_SPEC_REFERENCE, podSpec } from "../../../lib/k8s.js";

/** The namespaced sysctls the baseline profile allows. */
const SAFE = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
]);

export default defineCheck({
  id: "k8s.pod-security.sysctls",
  title: "Pods set only safe sysctls",
  description:
    "Sysctls outside the safe, namespaced set can change kernel behaviour for every pod on the node. Pod Security Standards (baseline) allow only the safe set.",
  severity: "medium",
  resourceTypes: ["k8s.workload"],
  remediation:
    "Remove the unsafe entries from securityContext.sysctls; tune the node instead if it is needed.",
  references: [POD_SPEC_REFERENCE, "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/"],
  evaluate(resource) {
    const sysctls = list(obj(podSpec(resource).securityContext).sysctls);
    const results = sysctls.flatMap((s, i) => {
      const name = obj(s).name;
      if (typeof name !== "string" || SAFE.has(name)) return [];
      return [
        fail(
          `the pod sets the unsafe sysctl ${name}`,
          {
            path: `podSpec.securityContext.sysctls[${i}]`,
            actual: s,
            expected: `one of ${[...SAFE].join(", ")}`,
          },
          name,
        ),
      ];
    });
    return results.length > 0
      ? results
      : pass("the pod sets no unsafe sysctl", { path: "podSpec.securityContext.sysctls" });
  },
});

import { defineCheck, fail, pass } from "../../../check.js";
import { list, obj, POD_SPEC_REFERENCE, podSpec } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.pod-security.host-path-volumes",
  title: "Pods mount no hostPath volume",
  description:
    "A hostPath volume exposes a directory of the node to the container; a writable one (or one like /var/run/docker.sock) is a direct path to the node. Pod Security Standards (baseline) forbid hostPath volumes.",
  severity: "high",
  resourceTypes: ["k8s.workload"],
  remediation: "Replace hostPath volumes with emptyDir, a PersistentVolumeClaim, a ConfigMap or a Secret.",
  references: [POD_SPEC_REFERENCE, "CIS Kubernetes 5.2.12"],
  fixes: { kubernetes: "volumes:\n  - name: data\n    emptyDir: {}" },
  evaluate(resource) {
    const volumes = list(podSpec(resource).volumes);
    const results = volumes.flatMap((v, i) => {
      const volume = obj(v);
      if (volume.hostPath === undefined) return [];
      const path = obj(volume.hostPath).path;
      return [
        fail(
          `volume ${String(volume.name)} mounts the host path ${String(path)}`,
          {
            path: `podSpec.volumes[${i}].hostPath`,
            actual: volume.hostPath,
            expected: "no hostPath volume",
          },
          `volumes/${String(volume.name)}`,
        ),
      ];
    });
    return results.length > 0
      ? results
      : pass("the pod mounts no hostPath volume", { path: "podSpec.volumes" });
  },
});

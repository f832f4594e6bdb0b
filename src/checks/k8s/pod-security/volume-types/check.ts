import { defineCheck, fail, pass } from "../../../check.js";
import { list, obj, POD_SPEC_REFERENCE, podSpec } from "../../../lib/k8s.js";

const ALLOWED = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
];

export default defineCheck({
  id: "k8s.pod-security.volume-types",
  title: "Pods use only the volume types of the restricted profile",
  description:
    "Volume types other than configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret reach node or network storage directly, outside the cluster's storage policy. Pod Security Standards (restricted) allow only those.",
  severity: "low",
  resourceTypes: ["k8s.workload"],
  remediation: "Replace the volume with a PersistentVolumeClaim (for storage) or one of the allowed types.",
  references: [POD_SPEC_REFERENCE],
  evaluate(resource) {
    const results = list(podSpec(resource).volumes).flatMap((v, i) => {
      const volume = obj(v);
      const kinds = Object.keys(volume).filter((k) => k !== "name");
      const bad = kinds.filter((k) => !ALLOWED.includes(k));
      if (bad.length === 0) return [];
      return [
        fail(
          `volume ${String(volume.name)} is of type ${bad.join(", ")}`,
          {
            path: `podSpec.volumes[${i}].${bad[0]}`,
            actual: bad,
            expected: ALLOWED,
          },
          `volumes/${String(volume.name)}`,
        ),
      ];
    });
    return results.length > 0
      ? results
      : pass("every volume is of an allowed type", { path: "podSpec.volumes" });
  },
});

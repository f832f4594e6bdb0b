import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { eachContainer } from "../../../lib/k8s.js";

const RUN_TO_COMPLETION = new Set(["Job", "CronJob"]);

export default defineCheck({
  id: "k8s.workload.liveness-probe",
  title: "Long-running containers have a liveness probe",
  description:
    "A liveness probe lets the kubelet restart a container that hangs; without it a deadlocked process keeps its pod Ready-looking and serving nothing.",
  severity: "low",
  resourceTypes: ["k8s.workload"],
  remediation: "Add a livenessProbe (httpGet, tcpSocket, grpc or exec) to every long-running container.",
  references: [
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
  ],
  fixes: {
    kubernetes: "livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  periodSeconds: 10",
  },
  evaluate(resource) {
    if (RUN_TO_COMPLETION.has(String(resource.properties.kind)))
      return notApplicable("jobs run to completion and need no liveness probe", { path: "kind" });
    return eachContainer(
      resource,
      (c) =>
        c.container.livenessProbe
          ? pass(`container ${c.name} has a liveness probe`, { path: `${c.path}.livenessProbe` })
          : fail(`container ${c.name} has no liveness probe`, {
              path: `${c.path}.livenessProbe`,
              actual: null,
              expected: "a livenessProbe",
            }),
      ["containers"],
    );
  },
});

import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { eachContainer } from "../../../lib/k8s.js";

const RUN_TO_COMPLETION = new Set(["Job", "CronJob"]);

export default defineCheck({
  id: "k8s.workload.readiness-probe",
  title: "Long-running containers have a readiness probe",
  description:
    "A readiness probe keeps traffic away from a pod until it can serve it and while it cannot; without one, rollouts and restarts send requests to containers that are not ready.",
  severity: "low",
  resourceTypes: ["k8s.workload"],
  remediation: "Add a readinessProbe to every long-running container.",
  references: [
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
  ],
  fixes: { kubernetes: "readinessProbe:\n  httpGet:\n    path: /ready\n    port: 8080\n  periodSeconds: 5" },
  evaluate(resource) {
    if (RUN_TO_COMPLETION.has(String(resource.properties.kind)))
      return notApplicable("jobs run to completion and need no readiness probe", { path: "kind" });
    return eachContainer(
      resource,
      (c) =>
        c.container.readinessProbe
          ? pass(`container ${c.name} has a readiness probe`, { path: `${c.path}.readinessProbe` })
          : fail(`container ${c.name} has no readiness probe`, {
              path: `${c.path}.readinessProbe`,
              actual: null,
              expected: "a readinessProbe",
            }),
      ["containers"],
    );
  },
});

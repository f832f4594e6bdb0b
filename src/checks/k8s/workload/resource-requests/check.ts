import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, obj } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.workload.resource-requests",
  title: "Containers request CPU and memory",
  description:
    "Without requests the scheduler cannot place pods sensibly and the pod is first to be evicted under pressure; requests also feed quotas.",
  severity: "low",
  resourceTypes: ["k8s.workload"],
  remediation: "Set resources.requests.cpu and resources.requests.memory on every container.",
  references: ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
  fixes: { kubernetes: "resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi" },
  evaluate(resource) {
    return eachContainer(
      resource,
      (c) => {
        const requests = obj(obj(c.container.resources).requests);
        const missing = ["cpu", "memory"].filter((k) => requests[k] === undefined || requests[k] === null);
        if (missing.length > 0)
          return fail(`container ${c.name} requests no ${missing.join(" or ")}`, {
            path: `${c.path}.resources.requests.${missing[0]}`,
            actual: obj(c.container.resources).requests ?? null,
            expected: "cpu and memory requests",
          });
        return pass(`container ${c.name} requests cpu and memory`, { path: `${c.path}.resources.requests` });
      },
      ["containers", "initContainers"],
    );
  },
});

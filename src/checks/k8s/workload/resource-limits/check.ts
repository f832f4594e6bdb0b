import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, obj } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.workload.resource-limits",
  title: "Containers set a memory limit and a CPU limit",
  description:
    "A container without limits can starve its neighbours on the node (a runaway process or a denial of service takes the whole node down).",
  severity: "low",
  resourceTypes: ["k8s.workload"],
  remediation:
    "Set resources.limits.memory and resources.limits.cpu on every container (or a LimitRange in the namespace).",
  references: ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
  fixes: { kubernetes: "resources:\n  limits:\n    cpu: 500m\n    memory: 256Mi" },
  evaluate(resource) {
    return eachContainer(
      resource,
      (c) => {
        const limits = obj(obj(c.container.resources).limits);
        const missing = ["memory", "cpu"].filter((k) => limits[k] === undefined || limits[k] === null);
        if (missing.length > 0)
          return fail(`container ${c.name} has no ${missing.join(" or ")} limit`, {
            path: `${c.path}.resources.limits.${missing[0]}`,
            actual: obj(c.container.resources).limits ?? null,
            expected: "cpu and memory limits",
          });
        return pass(`container ${c.name} has cpu and memory limits`, { path: `${c.path}.resources.limits` });
      },
      ["containers", "initContainers"],
    );
  },
});

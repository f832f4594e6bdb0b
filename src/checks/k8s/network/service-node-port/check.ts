import { defineCheck, fail, pass } from "../../../check.js";
import { obj } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.network.service-node-port",
  title: "Services are not exposed on node ports",
  description:
    "A NodePort Service opens the port on every node of the cluster, on the nodes' own addresses, outside any load balancer or Ingress control.",
  severity: "low",
  resourceTypes: ["k8s.service"],
  remediation: "Use type ClusterIP behind an Ingress (or an internal LoadBalancer) instead of NodePort.",
  references: ["https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport"],
  fixes: { kubernetes: "spec:\n  type: ClusterIP" },
  evaluate(resource) {
    const type = obj(resource.properties.spec).type;
    if (type === "NodePort")
      return fail("the Service is exposed on a port of every node", {
        path: "spec.type",
        actual: type,
        expected: "ClusterIP",
      });
    return pass(`the Service is of type ${String(type ?? "ClusterIP")}`, { path: "spec.type", actual: type });
  },
});

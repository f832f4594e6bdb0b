import { defineCheck, fail, pass } from "../../../check.js";
import { obj, strings } from "../../../lib/k8s.js";

/** Annotations that make a cloud load balancer internal (no public address). */
const INTERNAL: Record<string, (v: string) => boolean> = {
  "service.beta.kubernetes.io/aws-load-balancer-internal": (v) => v === "true" || v === "0.0.0.0/0",
  "service.beta.kubernetes.io/aws-load-balancer-scheme": (v) => v === "internal",
  "service.beta.kubernetes.io/azure-load-balancer-internal": (v) => v === "true",
  "networking.gke.io/load-balancer-type": (v) => v.toLowerCase() === "internal",
  "cloud.google.com/load-balancer-type": (v) => v.toLowerCase() === "internal",
};
const OPEN = new Set(["0.0.0.0/0", "::/0"]);

export default defineCheck({
  id: "k8s.network.service-load-balancer",
  title: "LoadBalancer Services are internal or restricted to known sources",
  description:
    "A Service of type LoadBalancer gets a cloud load balancer, public by default, that forwards to the pods from anywhere. Make it internal or limit loadBalancerSourceRanges.",
  severity: "medium",
  resourceTypes: ["k8s.service"],
  remediation:
    "Add the cloud's internal load-balancer annotation, or set spec.loadBalancerSourceRanges to the networks that need access; or expose the app through an Ingress.",
  references: ["https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer"],
  fixes: { kubernetes: "spec:\n  type: LoadBalancer\n  loadBalancerSourceRanges:\n    - 203.0.113.0/24" },
  evaluate(resource) {
    const spec = obj(resource.properties.spec);
    if (spec.type !== "LoadBalancer")
      return pass(`the Service is of type ${String(spec.type ?? "ClusterIP")}`, {
        path: "spec.type",
        actual: spec.type,
      });
    const annotations = obj(resource.properties.annotations);
    const internal = Object.entries(INTERNAL).find(
      ([k, test]) => typeof annotations[k] === "string" && test(annotations[k] as string),
    );
    if (internal)
      return pass(`the load balancer is internal (${internal[0]})`, {
        path: `annotations["${internal[0]}"]`,
      });
    const ranges = strings(spec.loadBalancerSourceRanges);
    if (ranges.length > 0 && !ranges.some((r) => OPEN.has(r)))
      return pass(`the load balancer accepts only ${ranges.join(", ")}`, {
        path: "spec.loadBalancerSourceRanges",
      });
    return fail("the Service gets a load balancer reachable from anywhere", {
      path: ranges.length > 0 ? "spec.loadBalancerSourceRanges" : "spec.type",
      actual: ranges.length > 0 ? ranges : "LoadBalancer",
      expected: "an internal load balancer or restricted loadBalancerSourceRanges",
    });
  },
});

import { defineCheck, fail, pass } from "../../../check.js";
import { list, obj } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.network.ingress-tls",
  title: "Ingresses terminate TLS",
  description: "An Ingress without a tls section serves its hosts over plain HTTP.",
  severity: "medium",
  resourceTypes: ["k8s.ingress"],
  remediation:
    "Add spec.tls with the hosts and a Secret holding the certificate (cert-manager can issue it).",
  references: ["https://kubernetes.io/docs/concepts/services-networking/ingress/#tls"],
  fixes: { kubernetes: "spec:\n  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls" },
  evaluate(resource) {
    const tls = list(obj(resource.properties.spec).tls);
    if (tls.length > 0) return pass("the Ingress terminates TLS", { path: "spec.tls" });
    return fail("the Ingress has no TLS configuration", { path: "spec", actual: null, expected: "spec.tls" });
  },
});

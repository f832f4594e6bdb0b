import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "k8s.workload.default-namespace",
  title: "Objects are not placed in the default namespace",
  description:
    "The default namespace is shared by everything nobody placed elsewhere; quotas, network policies and RBAC cannot separate what lives there. A manifest without a namespace lands in default unless it is applied with -n.",
  severity: "low",
  resourceTypes: [
    "k8s.workload",
    "k8s.service",
    "k8s.role",
    "k8s.role-binding",
    "k8s.service-account",
    "k8s.network-policy",
    "k8s.ingress",
  ],
  remediation: "Set metadata.namespace to a dedicated namespace for the application.",
  references: [
    "CIS Kubernetes 5.7.4",
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/",
  ],
  fixes: { kubernetes: "metadata:\n  namespace: my-app" },
  evaluate(resource) {
    const namespace = resource.properties.namespace;
    if (namespace === null || namespace === undefined)
      return notApplicable("the object is cluster-scoped", { path: "namespace" });
    if (namespace !== "default")
      return pass(`the object is in namespace ${String(namespace)}`, {
        path: "namespace",
        actual: namespace,
      });
    const defaulted = resource.properties.namespaceDefaulted === true;
    return fail(
      defaulted
        ? "the manifest sets no namespace, so it lands in default unless applied with -n"
        : "the object is in the default namespace",
      { path: defaulted ? "name" : "namespace", actual: namespace, expected: "a dedicated namespace" },
    );
  },
});

import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { list } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.network.namespace-network-policy",
  title: "Namespaces have a NetworkPolicy",
  description:
    "Without any NetworkPolicy every pod of the namespace accepts traffic from every pod in the cluster. In IaC, only the NetworkPolicies of the same scan are known: one kept in another repository is not seen.",
  severity: "medium",
  resourceTypes: ["k8s.namespace"],
  remediation: "Add a default-deny NetworkPolicy to the namespace, then allow the flows the apps need.",
  references: [
    "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "CIS Kubernetes 5.3.2",
  ],
  fixes: {
    kubernetes:
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: my-app\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]",
  },
  evaluate(resource) {
    const policies = resource.properties.networkPolicies;
    if (isUnknown(policies))
      return notApplicable("the namespace's NetworkPolicies are not known", {
        path: "networkPolicies",
        actual: policies,
      });
    const names = list(policies);
    if (names.length > 0)
      return pass(`the namespace has NetworkPolicies: ${names.join(", ")}`, {
        path: "networkPolicies",
        actual: names,
      });
    return fail(`namespace ${resource.name} has no NetworkPolicy`, {
      path: "networkPolicies",
      actual: [],
      expected: "at least one NetworkPolicy (a default deny)",
    });
  },
});

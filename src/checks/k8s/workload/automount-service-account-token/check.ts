import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "k8s.workload.automount-service-account-token",
  title: "Service account tokens are not mounted unless needed",
  description:
    "By default every pod gets a token of its service account mounted; a compromised container that does not need the API can still use it against the cluster. Turn automounting off on the pod or on its service account.",
  severity: "low",
  resourceTypes: ["k8s.workload", "k8s.service-account"],
  remediation:
    "Set automountServiceAccountToken: false on the pod spec (or the ServiceAccount) and mount a projected token only where the API is needed.",
  references: [
    "CIS Kubernetes 5.1.6",
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/",
  ],
  fixes: { kubernetes: "automountServiceAccountToken: false" },
  evaluate(resource) {
    if (resource.type === "k8s.service-account") {
      const value = resource.properties.automountServiceAccountToken;
      if (value === false)
        return pass("the account's token is not mounted automatically", {
          path: "automountServiceAccountToken",
        });
      return fail("pods of this service account get its token mounted automatically", {
        path: "automountServiceAccountToken",
        actual: value ?? null,
        expected: false,
      });
    }
    const path = "podSpec.automountServiceAccountToken";
    const podValue = (resource.properties.podSpec as Record<string, unknown> | undefined)
      ?.automountServiceAccountToken;
    // The pod's own setting wins; when it has none, its ServiceAccount's applies.
    if (podValue === false)
      return pass("the pod does not mount the service account token", { path, actual: false });
    if (podValue === undefined && resource.properties.serviceAccountAutomount === false)
      return pass("the pod's service account does not mount its token", { path: "serviceAccountAutomount" });
    return fail("the service account token is mounted into the pod", {
      path,
      actual: podValue ?? null,
      expected: false,
    });
  },
});

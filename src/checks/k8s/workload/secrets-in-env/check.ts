import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, list, obj } from "../../../lib/k8s.js";
import { isLiteralSecretValue, looksLikeSecretName } from "../../../lib/secret-names.js";

export default defineCheck({
  id: "k8s.workload.secrets-in-env",
  title: "Containers take no literal secret in their environment",
  description:
    "A password or token written as a literal env value lives in the manifest, in Git history and in every `kubectl get -o yaml`; it belongs in a Secret referenced with valueFrom.",
  severity: "high",
  resourceTypes: ["k8s.workload"],
  remediation:
    "Move the value into a Secret and reference it with env[].valueFrom.secretKeyRef (or envFrom.secretRef).",
  references: ["https://kubernetes.io/docs/concepts/configuration/secret/", "CIS Kubernetes 5.4.1"],
  fixes: {
    kubernetes:
      "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: app-db\n        key: password",
  },
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const env = list(c.container.env);
      const index = env.findIndex((e) => {
        const entry = obj(e);
        return (
          typeof entry.name === "string" &&
          looksLikeSecretName(entry.name) &&
          typeof entry.value === "string" &&
          isLiteralSecretValue(entry.value)
        );
      });
      if (index >= 0)
        return fail(`container ${c.name} sets ${String(obj(env[index]).name)} to a literal value`, {
          path: `${c.path}.env[${index}].value`,
          actual: "(redacted)",
          expected: "valueFrom.secretKeyRef",
        });
      return pass(`container ${c.name} has no literal secret in env`, { path: `${c.path}.env` });
    });
  },
});

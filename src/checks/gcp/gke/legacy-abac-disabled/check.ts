import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.gke.legacy-abac-disabled",
  title: "GKE cluster has legacy ABAC disabled",
  description: "Legacy ABAC grants rights outside Kubernetes RBAC and is far broader than RBAC roles.",
  severity: "high",
  resourceTypes: ["gcp.container.cluster"],
  remediation: "Disable legacy authorization (ABAC) on the cluster.",
  references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster"],
  evaluate(resource) {
    const path = "legacyAbac.enabled";
    const value = getPath(resource.properties, path);
    return value !== true
      ? pass("legacy ABAC is disabled", { path, actual: value })
      : fail("legacy ABAC is enabled", { path, actual: value ?? null, expected: false });
  },
});

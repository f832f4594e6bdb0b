import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.gke.workload-identity",
  title: "GKE cluster uses Workload Identity",
  description:
    "Workload Identity gives pods their own Google identity instead of the node's service account and its metadata credentials.",
  severity: "medium",
  resourceTypes: ["gcp.container.cluster"],
  remediation: "Enable Workload Identity (a workload pool) on the cluster and its node pools.",
  references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity"],
  evaluate(resource) {
    const path = "workloadIdentityConfig.workloadPool";
    const value = getPath(resource.properties, path);
    return typeof value === "string" && value !== ""
      ? pass("Workload Identity is enabled", { path, actual: value })
      : fail("Workload Identity is not enabled", {
          path,
          actual: value ?? null,
          expected: "PROJECT.svc.id.goog",
        });
  },
});

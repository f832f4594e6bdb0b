import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.gke.network-policy",
  title: "GKE cluster enforces network policies",
  description:
    "Without network policy enforcement every pod can reach every other pod; NetworkPolicy objects have no effect.",
  severity: "medium",
  resourceTypes: ["gcp.container.cluster"],
  remediation: "Enable network policy enforcement (or use GKE Dataplane V2).",
  references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy"],
  evaluate(resource) {
    const path = "networkPolicy.enabled";
    const value = getPath(resource.properties, path);
    return value === true ||
      getPath(resource.properties, "networkConfig.datapathProvider") === "ADVANCED_DATAPATH"
      ? pass("network policies are enforced", { path, actual: value })
      : fail("network policies are not enforced", { path, actual: value ?? null, expected: true });
  },
});

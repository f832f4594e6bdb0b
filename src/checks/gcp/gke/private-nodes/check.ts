import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.gke.private-nodes",
  title: "GKE cluster uses private nodes",
  description: "Nodes with only internal IP addresses are not reachable from the internet.",
  severity: "medium",
  resourceTypes: ["gcp.container.cluster"],
  remediation: "Create the cluster with private nodes (enablePrivateNodes).",
  references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/private-clusters"],
  evaluate(resource) {
    const path = "privateClusterConfig.enablePrivateNodes";
    const value = getPath(resource.properties, path);
    return value === true
      ? pass("nodes are private", { path, actual: value })
      : fail("nodes have public IP addresses", { path, actual: value ?? null, expected: true });
  },
});

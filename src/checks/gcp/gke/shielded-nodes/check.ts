import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.gke.shielded-nodes",
  title: "GKE cluster uses Shielded GKE nodes",
  description:
    "Shielded nodes give verifiable node identity and integrity, so an attacker cannot impersonate a node.",
  severity: "medium",
  resourceTypes: ["gcp.container.cluster"],
  remediation: "Enable Shielded GKE Nodes on the cluster.",
  references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes"],
  evaluate(resource) {
    const path = "shieldedNodes.enabled";
    const value = getPath(resource.properties, path);
    return value === true
      ? pass("shielded nodes are enabled", { path, actual: value })
      : fail("shielded nodes are not enabled", { path, actual: value ?? null, expected: true });
  },
});

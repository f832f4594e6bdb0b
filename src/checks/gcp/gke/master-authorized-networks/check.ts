import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.gke.master-authorized-networks",
  title: "GKE control plane accepts only authorized networks",
  description:
    "Without authorized networks the Kubernetes API endpoint accepts connections from any IP address.",
  severity: "high",
  resourceTypes: ["gcp.container.cluster"],
  remediation: "Enable master authorized networks and list the networks that manage the cluster.",
  references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks"],
  evaluate(resource) {
    const path = "masterAuthorizedNetworksConfig.enabled";
    const value = getPath(resource.properties, path);
    return value === true
      ? pass("authorized networks are enforced", { path, actual: value })
      : fail("the control plane accepts any network", { path, actual: value ?? null, expected: true });
  },
});

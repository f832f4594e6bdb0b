import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

const REQUIRED = ["api", "audit", "authenticator"];

export default defineCheck({
  id: "aws.eks.control-plane-logging",
  title: "EKS control plane sends api, audit and authenticator logs",
  description:
    "Without the API server, audit and authenticator logs in CloudWatch there is no record of who did what to the cluster, which leaves incidents uninvestigable.",
  severity: "medium",
  resourceTypes: ["aws.eks.cluster"],
  remediation: "Enable at least the `api`, `audit` and `authenticator` control plane log types.",
  references: ["https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html"],
  fixes: {
    terraform:
      'resource "aws_eks_cluster" "example" {\n  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]\n}',
    cloudformation:
      "Type: AWS::EKS::Cluster\nProperties:\n  Logging:\n    ClusterLogging:\n      EnabledTypes:\n        - Type: api\n        - Type: audit\n        - Type: authenticator",
  },
  evaluate(resource) {
    const logging = resource.properties.logging as Record<string, unknown> | undefined;
    const types = logging?.enabledTypes;
    if (isUnknown(types) || (Array.isArray(types) && types.some((t) => isUnknown(t))))
      return notApplicable("the enabled log types are not known", {
        path: "logging.enabledTypes",
        actual: types,
      });
    const enabled = new Set(Array.isArray(types) ? types : []);
    const missing = REQUIRED.filter((t) => !enabled.has(t));
    return missing.length === 0
      ? pass("api, audit and authenticator logs are enabled", { path: "logging.enabledTypes", actual: types })
      : fail(`control plane logs missing: ${missing.join(", ")}`, {
          path: "logging.enabledTypes",
          actual: types ?? null,
          expected: REQUIRED,
        });
  },
});

import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.aks.rbac-enabled",
  title: "AKS cluster has Kubernetes RBAC enabled",
  description: "Without RBAC every authenticated user has full control of the cluster.",
  severity: "high",
  resourceTypes: ["azure.aks.cluster"],
  remediation: "Set enableRBAC to true (it can only be set when the cluster is created).",
  references: ["https://learn.microsoft.com/en-us/azure/aks/concepts-security"],
  fixes: {
    arm: '"enableRBAC": true',
    terraform: "role_based_access_control_enabled = true",
  },
  evaluate(resource) {
    return requireSetting(resource, "enableRBAC", (v) => v === true, {
      ok: "Kubernetes RBAC is enabled",
      bad: (value) => `Kubernetes RBAC is ${describe(value)}`,
      expected: true,
    });
  },
});

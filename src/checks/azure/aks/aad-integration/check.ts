import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.aks.aad-integration",
  title: "AKS cluster authenticates users with Microsoft Entra ID",
  description:
    "Managed Entra ID integration ties cluster access to central identities, MFA and group membership instead of certificates.",
  severity: "medium",
  resourceTypes: ["azure.aks.cluster"],
  remediation: "Set aadProfile.managed to true (and enableAzureRBAC for Azure RBAC on Kubernetes).",
  references: ["https://learn.microsoft.com/en-us/azure/aks/managed-azure-ad"],
  fixes: {
    arm: '"aadProfile": { "managed": true, "enableAzureRBAC": true }',
    terraform: "azure_active_directory_role_based_access_control { azure_rbac_enabled = true }",
  },
  evaluate(resource) {
    const profile = resource.properties.aadProfile;
    if (isUnknown(profile))
      return notApplicable("the Entra ID profile is not known at scan time", {
        path: "aadProfile",
        actual: profile,
      });
    if (profile && typeof profile === "object" && getPath(profile, "managed") === true)
      return pass("Microsoft Entra ID integration is enabled", { path: "aadProfile.managed", actual: true });
    return fail("Microsoft Entra ID integration is not enabled", {
      path: "aadProfile",
      actual: profile ?? null,
      expected: { managed: true, enableAzureRBAC: true },
    });
  },
});

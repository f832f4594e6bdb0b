import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.entra.security-defaults",
  title: "Security defaults are enabled in Microsoft Entra ID",
  description:
    "Security defaults require MFA registration, block legacy authentication and protect privileged actions for every user of a tenant that has no Conditional Access policies of its own.",
  severity: "high",
  resourceTypes: ["azure.tenant"],
  remediation:
    "In the Entra admin center, Properties → Manage security defaults → Enabled; or, on Entra ID P1/P2, enforce the same through Conditional Access policies.",
  references: [
    "https://learn.microsoft.com/en-us/entra/fundamentals/security-defaults",
    "https://learn.microsoft.com/en-us/graph/api/identitysecuritydefaultsenforcementpolicy-get",
  ],
  evaluate(resource) {
    const path = "securityDefaultsEnabled";
    const value = getPath(resource.properties, path);
    // Not readable (no Policy.Read.All): the live source writes an error marker, reported as an error.
    if (isUnknown(value)) return notApplicable(`${path} is not known`, { path, actual: value });
    if (value === undefined) return notApplicable(`${path} is not reported by this source`, { path });
    if (value === true) return pass("security defaults are enabled", { path, actual: value });
    return fail("security defaults are disabled", { path, actual: value, expected: true });
  },
});

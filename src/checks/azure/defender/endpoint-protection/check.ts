import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.defender.endpoint-protection",
  title: "Defender for Cloud's Endpoint protection (Defender for Endpoint) integration is on",
  description:
    "The WDATP setting deploys Microsoft Defender for Endpoint to servers covered by Defender for Servers.",
  severity: "medium",
  resourceTypes: ["azure.subscription"],
  remediation:
    "Turn on the WDATP setting (Defender for Cloud > Environment settings > Settings & monitoring > Endpoint protection).",
  references: [
    "https://learn.microsoft.com/en-us/azure/defender-for-cloud/integration-defender-for-endpoint",
  ],
  evaluate(resource) {
    const value = getPath(resource.properties, "securitySettings");
    if (isUnknown(value))
      return notApplicable("securitySettings is not known", { path: "securitySettings", actual: value });
    if (value === undefined || value === null)
      return notApplicable("securitySettings is not reported by this source", { path: "securitySettings" });
    const enabled = (value as Record<string, { enabled?: unknown } | undefined>).WDATP?.enabled;
    if (enabled === true)
      return pass("the Endpoint protection integration is on", {
        path: "securitySettings.WDATP.enabled",
        actual: true,
      });
    return fail("the Endpoint protection integration is off", {
      path: "securitySettings.WDATP.enabled",
      actual: enabled ?? null,
      expected: true,
    });
  },
});

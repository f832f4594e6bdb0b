import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.network.waf-request-body-inspection",
  title: "Application Gateway WAF policy inspects request bodies",
  description:
    "Without request body inspection the WAF cannot see SQL injection or cross-site scripting sent in POST bodies.",
  severity: "medium",
  resourceTypes: ["azure.network.waf-policy"],
  remediation: "Enable requestBodyCheck in the WAF policy's policySettings.",
  references: [
    "https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/application-gateway-waf-request-size-limits",
  ],
  evaluate(resource) {
    const value = getPath(resource.properties, "policySettings.requestBodyCheck");
    if (isUnknown(value))
      return notApplicable("policySettings.requestBodyCheck is not known", {
        path: "policySettings.requestBodyCheck",
        actual: value,
      });
    if (value === true)
      return pass("request body inspection is on", { path: "policySettings.requestBodyCheck", actual: true });
    return fail("request body inspection is off", {
      path: "policySettings.requestBodyCheck",
      actual: value ?? null,
      expected: true,
    });
  },
});

import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.network.appgw-waf",
  title: "Application Gateway runs a Web Application Firewall",
  description:
    "The WAF tier with a policy blocks common web attacks such as SQL injection and cross-site scripting before they reach the application.",
  severity: "medium",
  resourceTypes: ["azure.network.application-gateway"],
  remediation: "Move the gateway to the WAF_v2 tier and associate a WAF policy.",
  references: ["https://learn.microsoft.com/en-us/azure/application-gateway/features"],
  evaluate(resource) {
    const value = getPath(resource.properties, "sku");
    if (isUnknown(value)) return notApplicable("sku is not known", { path: "sku", actual: value });
    const tier = String((value as { tier?: unknown } | null)?.tier ?? "");
    const policy = getPath(resource.properties, "firewallPolicy");
    const legacy = getPath(resource.properties, "webApplicationFirewallConfiguration.enabled");
    if (tier.startsWith("WAF") && (policy || legacy === true))
      return pass(`the ${tier} tier with a WAF policy`, { path: "sku.tier", actual: tier });
    return fail(
      tier.startsWith("WAF")
        ? "the WAF tier has no WAF policy"
        : `the ${tier || "unknown"} tier has no Web Application Firewall`,
      {
        path: tier.startsWith("WAF") ? "firewallPolicy" : "sku.tier",
        actual: tier.startsWith("WAF") ? (policy ?? null) : tier,
        expected: "WAF_v2 with a firewall policy",
      },
    );
  },
});

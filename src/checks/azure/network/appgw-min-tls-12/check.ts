import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.network.appgw-min-tls-12",
  title: "Application Gateway requires TLS 1.2 or later",
  description: "TLS 1.0 and 1.1 are deprecated; the gateway's SSL policy should not negotiate them.",
  severity: "medium",
  resourceTypes: ["azure.network.application-gateway"],
  remediation:
    "Use a predefined SSL policy with TLS 1.2 minimum (AppGwSslPolicy20220101, AppGwSslPolicy20220101S, AppGwSslPolicy20170401S) or a custom policy with minProtocolVersion TLSv1_2.",
  references: [
    "https://learn.microsoft.com/en-us/azure/application-gateway/application-gateway-ssl-policy-overview",
  ],
  evaluate(resource) {
    const value = getPath(resource.properties, "sslPolicy");
    if (isUnknown(value))
      return notApplicable("sslPolicy is not known", { path: "sslPolicy", actual: value });
    if (value === null || value === undefined)
      return notApplicable(
        "no SSL policy is set; the gateway uses the default of the API version it was created with",
        { path: "sslPolicy" },
      );
    const policy = value as { policyType?: unknown; policyName?: unknown; minProtocolVersion?: unknown };
    const tls12 = ["AppGwSslPolicy20170401S", "AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"];
    const ok =
      policy.policyType === "Predefined"
        ? tls12.includes(String(policy.policyName))
        : /^TLSv1_[23]$/.test(String(policy.minProtocolVersion));
    if (ok) return pass("the SSL policy requires TLS 1.2 or later", { path: "sslPolicy", actual: value });
    return fail(
      `the SSL policy ${String(policy.policyName ?? policy.minProtocolVersion)} allows TLS before 1.2`,
      { path: "sslPolicy", actual: value, expected: "TLSv1_2 minimum" },
    );
  },
});

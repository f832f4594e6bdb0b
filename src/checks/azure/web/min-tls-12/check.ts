import { defineCheck } from "../../../check.js";
import { describe, requireSetting, tlsAtLeast } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.web.min-tls-12",
  title: "App Service app requires TLS 1.2 or later",
  description: "TLS 1.0 and 1.1 have known weaknesses; clients should not be allowed to negotiate them.",
  severity: "medium",
  resourceTypes: ["azure.web.app"],
  remediation: "Set siteConfig.minTlsVersion to 1.2.",
  references: ["https://learn.microsoft.com/en-us/azure/app-service/overview-security"],
  fixes: {
    arm: '"siteConfig": { "minTlsVersion": "1.2" }',
    terraform: 'site_config { minimum_tls_version = "1.2" }',
  },
  evaluate(resource) {
    return requireSetting(resource, "siteConfig.minTlsVersion", (v) => tlsAtLeast(v, 1.2), {
      ok: "the minimum TLS version is 1.2 or later",
      bad: (value) => `the minimum TLS version is ${describe(value)}`,
      expected: "1.2",
    });
  },
});

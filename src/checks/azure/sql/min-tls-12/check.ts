import { defineCheck } from "../../../check.js";
import { describe, requireSetting, tlsAtLeast } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.sql.min-tls-12",
  title: "SQL server requires TLS 1.2 or later",
  description: "Without a minimum TLS version clients may connect with TLS 1.0 or 1.1.",
  severity: "medium",
  resourceTypes: ["azure.sql.server"],
  remediation: "Set minimalTlsVersion to 1.2.",
  references: ["https://learn.microsoft.com/en-us/azure/azure-sql/database/security-best-practice"],
  fixes: {
    arm: '"minimalTlsVersion": "1.2"',
    terraform: 'minimum_tls_version = "1.2"',
  },
  evaluate(resource) {
    return requireSetting(resource, "minimalTlsVersion", (v) => tlsAtLeast(v, 1.2), {
      ok: "the minimum TLS version is 1.2 or later",
      bad: (value) => `the minimum TLS version is ${describe(value)}`,
      expected: "1.2",
    });
  },
});

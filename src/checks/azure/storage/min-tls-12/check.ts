import { defineCheck } from "../../../check.js";
import { describe, requireSetting, tlsAtLeast } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.storage.min-tls-12",
  title: "Storage account requires TLS 1.2 or later",
  description:
    "TLS 1.0 and 1.1 have known weaknesses and are retired by Azure; clients should not be allowed to negotiate them.",
  severity: "medium",
  resourceTypes: ["azure.storage.account"],
  remediation: "Set minimumTlsVersion to TLS1_2.",
  references: ["https://learn.microsoft.com/en-us/azure/storage/common/security-recommendations"],
  fixes: {
    arm: '"minimumTlsVersion": "TLS1_2"',
    terraform: 'min_tls_version = "TLS1_2"',
  },
  evaluate(resource) {
    return requireSetting(resource, "minimumTlsVersion", (v) => tlsAtLeast(v, 1.2), {
      ok: "the minimum TLS version is 1.2 or later",
      bad: (value) => `the minimum TLS version is ${describe(value)}`,
      expected: "TLS1_2",
    });
  },
});

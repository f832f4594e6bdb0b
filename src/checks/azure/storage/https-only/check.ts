import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.storage.https-only",
  title: "Storage account accepts only HTTPS traffic",
  description:
    "With secure transfer off, the account accepts requests over plain HTTP, so keys, SAS tokens and data can be read on the wire.",
  severity: "high",
  resourceTypes: ["azure.storage.account"],
  remediation: 'Set supportsHttpsTrafficOnly to true ("Secure transfer required").',
  references: ["https://learn.microsoft.com/en-us/azure/storage/common/security-recommendations"],
  fixes: {
    arm: '"supportsHttpsTrafficOnly": true',
    terraform: "https_traffic_only_enabled = true",
  },
  evaluate(resource) {
    return requireSetting(resource, "supportsHttpsTrafficOnly", (v) => v === true, {
      ok: "only HTTPS is accepted",
      bad: (value) => `secure transfer is ${describe(value)}`,
      expected: true,
    });
  },
});

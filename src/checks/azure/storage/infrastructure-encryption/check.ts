import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.storage.infrastructure-encryption",
  title: "Storage account uses infrastructure (double) encryption",
  description:
    "Infrastructure encryption adds a second layer of AES-256 encryption with a different key, so one compromised key or algorithm does not expose the data.",
  severity: "low",
  resourceTypes: ["azure.storage.account"],
  remediation:
    "Create the account with encryption.requireInfrastructureEncryption set to true (it cannot be changed later).",
  references: ["https://learn.microsoft.com/en-us/azure/storage/common/infrastructure-encryption-enable"],
  fixes: {
    arm: '"encryption": { "requireInfrastructureEncryption": true, "keySource": "Microsoft.Storage" }',
    terraform: "infrastructure_encryption_enabled = true",
  },
  evaluate(resource) {
    return requireSetting(resource, "encryption.requireInfrastructureEncryption", (v) => v === true, {
      ok: "infrastructure encryption is required",
      bad: (value) => `infrastructure encryption is ${describe(value)}`,
      expected: true,
    });
  },
});

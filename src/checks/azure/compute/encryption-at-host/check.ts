import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.compute.encryption-at-host",
  title: "Virtual machine encrypts data at the host",
  description:
    "Encryption at host encrypts temporary disks and disk caches too, which server-side encryption of managed disks does not cover.",
  severity: "medium",
  resourceTypes: ["azure.compute.vm"],
  remediation:
    "Set securityProfile.encryptionAtHost to true (the subscription feature EncryptionAtHost must be registered).",
  references: ["https://learn.microsoft.com/en-us/azure/virtual-machines/disk-encryption-overview"],
  fixes: {
    arm: '"securityProfile": { "encryptionAtHost": true }',
    terraform: "encryption_at_host_enabled = true",
  },
  evaluate(resource) {
    return requireSetting(resource, "encryptionAtHost", (v) => v === true, {
      ok: "encryption at host is on",
      bad: (value) => `encryption at host is ${describe(value)}`,
      expected: true,
    });
  },
});

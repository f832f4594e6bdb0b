import { defineCheck } from "../../../check.js";
import { requireReported } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.smb-channel-encryption",
  title: "Storage account encrypts SMB channels with AES-256-GCM only",
  description: "AES-128 channel encryption is weaker than the AES-256-GCM that SMB 3.1.1 supports.",
  severity: "medium",
  resourceTypes: ["azure.storage.account"],
  remediation: "Set protocolSettings.smb.channelEncryption to AES-256-GCM on the file service.",
  references: [
    "https://learn.microsoft.com/en-us/azure/storage/files/files-smb-protocol#smb-security-settings",
  ],
  evaluate(resource) {
    return requireReported(
      resource,
      "fileServiceProperties.protocolSettings.smb.channelEncryption",
      (v) =>
        typeof v === "string" &&
        v
          .split(";")
          .filter(Boolean)
          .every((x) => x === "AES-256-GCM"),
      {
        ok: "only AES-256-GCM is allowed",
        bad: (v) => `allowed SMB channel encryption: ${v === null ? "all" : String(v)}`,
        expected: "AES-256-GCM;",
      },
    );
  },
});

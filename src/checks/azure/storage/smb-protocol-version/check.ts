import { defineCheck } from "../../../check.js";
import { requireReported } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.smb-protocol-version",
  title: "Storage account allows only SMB 3.1.1 on file shares",
  description:
    "Older SMB dialects (2.1, 3.0) lack the protections of 3.1.1 such as pre-authentication integrity.",
  severity: "medium",
  resourceTypes: ["azure.storage.account"],
  remediation: "Set protocolSettings.smb.versions to SMB3.1.1 on the file service.",
  references: [
    "https://learn.microsoft.com/en-us/azure/storage/files/files-smb-protocol#smb-security-settings",
  ],
  evaluate(resource) {
    return requireReported(
      resource,
      "fileServiceProperties.protocolSettings.smb.versions",
      (v) =>
        typeof v === "string" &&
        v
          .split(";")
          .filter(Boolean)
          .every((x) => x === "SMB3.1.1"),
      {
        ok: "only SMB 3.1.1 is allowed",
        bad: (v) => `allowed SMB versions: ${v === null ? "all" : String(v)}`,
        expected: "SMB3.1.1;",
      },
    );
  },
});

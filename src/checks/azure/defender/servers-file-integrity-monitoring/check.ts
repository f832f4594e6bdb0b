import { defenderExtensionCheck } from "../plan.js";

export default defenderExtensionCheck({
  id: "azure.defender.servers-file-integrity-monitoring",
  plan: "VirtualMachines",
  planLabel: "Servers",
  extension: "FileIntegrityMonitoring",
  label: "file integrity monitoring",
  description:
    "File integrity monitoring records changes to operating system files, registry keys and application binaries, which is how tampering by an intruder shows up (Defender for Servers Plan 2).",
  reference: "https://learn.microsoft.com/en-us/azure/defender-for-cloud/file-integrity-monitoring-overview",
});

import { defenderPlanCheck } from "../plan.js";

export default defenderPlanCheck({
  id: "azure.defender.storage",
  plan: "StorageAccounts",
  label: "Storage",
  description: "Defender for Storage detects malware uploads and unusual access to storage accounts.",
  reference: "https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-storage-introduction",
});

import { defenderPlanCheck } from "../plan.js";

export default defenderPlanCheck({
  id: "azure.defender.key-vault",
  plan: "KeyVaults",
  label: "Key Vault",
  description: "Defender for Key Vault detects unusual access to secrets, keys and certificates.",
  reference: "https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-key-vault-introduction",
});

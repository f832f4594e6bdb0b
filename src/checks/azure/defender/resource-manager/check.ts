import { defenderPlanCheck } from "../plan.js";

export default defenderPlanCheck({
  id: "azure.defender.resource-manager",
  plan: "Arm",
  label: "Resource Manager",
  description:
    "Defender for Resource Manager detects suspicious management operations across the subscription.",
  reference:
    "https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-resource-manager-introduction",
});

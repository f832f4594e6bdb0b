import { defenderPlanCheck } from "../plan.js";

export default defenderPlanCheck({
  id: "azure.defender.servers",
  plan: "VirtualMachines",
  label: "Servers",
  description:
    "Defender for Servers brings endpoint detection and response and vulnerability assessment to virtual machines.",
  reference: "https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-servers-overview",
});

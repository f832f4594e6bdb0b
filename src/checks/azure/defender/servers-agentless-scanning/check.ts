import { defenderExtensionCheck } from "../plan.js";

export default defenderExtensionCheck({
  id: "azure.defender.servers-agentless-scanning",
  plan: "VirtualMachines",
  planLabel: "Servers",
  extension: "AgentlessVmScanning",
  label: "agentless scanning for machines",
  description:
    "Agentless scanning reads disk snapshots for vulnerabilities, software inventory and secrets, including on machines where no agent runs.",
  reference: "https://learn.microsoft.com/en-us/azure/defender-for-cloud/concept-agentless-data-collection",
});

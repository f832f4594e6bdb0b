import { defenderPlanCheck } from "../plan.js";

export default defenderPlanCheck({
  id: "azure.defender.containers",
  plan: "Containers",
  label: "Containers",
  description: "Defender for Containers scans images and detects threats in Kubernetes clusters.",
  reference:
    "https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-containers-introduction",
});

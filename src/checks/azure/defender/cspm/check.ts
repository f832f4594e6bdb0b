import { defenderPlanCheck } from "../plan.js";

export default defenderPlanCheck({
  id: "azure.defender.cspm",
  plan: "CloudPosture",
  label: "CSPM (Cloud Security Posture Management)",
  description:
    "Defender CSPM adds attack path analysis, agentless scanning and governance on top of the free foundational posture.",
  reference:
    "https://learn.microsoft.com/en-us/azure/defender-for-cloud/concept-cloud-security-posture-management",
});

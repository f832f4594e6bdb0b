import { defenderPlanCheck } from "../plan.js";

export default defenderPlanCheck({
  id: "azure.defender.apis",
  plan: "Api",
  label: "APIs",
  description: "Defender for APIs inventories published APIs and detects attacks on them.",
  reference: "https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-apis-introduction",
});
